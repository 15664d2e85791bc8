package io.levity.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1.KeyPair;
import io.levity.core.num.UInt256;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import io.levity.evm.BlockContext.BlockHashLookup;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockBuilder;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.block.Genesis;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.TrieWorldState;
import io.levity.node.TestTransactions;
import io.levity.node.store.ChainReader.IndexedLog;
import io.levity.trie.FailingWritesStore;
import io.levity.trie.RocksDbKeyValueStore;
import io.levity.trie.StoreException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RocksDB block store: commit, read back, reopen, and a write that never lands (a crash before
 * it).
 */
class RocksDbBlockStoreTest {
  private static final long CHAIN_ID = 1337;
  private static final TransactionSigner ALICE =
      new TransactionSigner(KeyPair.fromPrivate(filled(0x11)));
  private static final Address BOB = Address.fromHex("0x" + "b0".repeat(20));
  private static final Address LOGGER = Address.fromHex("0x" + "ab".repeat(20));
  private static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);
  private static final BlockHashLookup NO_HASHES = n -> Bytes32.ZERO;

  /**
   * PUSH1 1 PUSH1 0 SSTORE PUSH1 7 PUSH1 0 PUSH1 0 LOG1 STOP: writes slot 0 and emits one log with
   * topic 7.
   */
  private static final Bytes LOGGER_CODE = Bytes.fromHex("0x6001600055600760006000a100");

  private static final Genesis GENESIS =
      new Genesis(
          CHAIN_ID,
          30_000_000,
          0,
          GWEI,
          Bytes.EMPTY,
          Map.of(
              ALICE.address(),
              Genesis.Account.ofBalance(GWEI.multiply(1_000_000_000L)),
              LOGGER,
              new Genesis.Account(UInt256.ZERO, LOGGER_CODE, 1, Map.of())));

  @TempDir Path dir;

  private static Bytes32 filled(int b) {
    byte[] out = new byte[32];
    Arrays.fill(out, (byte) b);
    return Bytes32.wrap32(out);
  }

  private static BlockBuilder.Built build(
      BlockStore store, TrieWorldState state, List<Transaction> txs) {
    BlockHeader parent = store.head().orElseThrow();
    BlockBuilder.Params params =
        new BlockBuilder.Params(
            Address.ZERO, parent.timestamp() + 1, filled(3), 30_000_000, Bytes.EMPTY, Bytes32.ZERO);
    return new BlockBuilder(Fork.CANCUN, CHAIN_ID).build(state, parent, params, txs, NO_HASHES);
  }

  private static Transaction transfer(long nonce) {
    return ALICE.transfer(CHAIN_ID, nonce, BOB, UInt256.valueOf(100), GWEI, GWEI.multiply(3));
  }

  private static Transaction callLogger(long nonce) {
    return TestTransactions.call(ALICE, CHAIN_ID, nonce, Optional.of(LOGGER), Bytes.EMPTY, 100_000);
  }

  @Test
  void commitsReadsBackAndResumesAfterReopen() {
    Block block1;
    Bytes32 genesisHash = GENESIS.block().hash();
    try (RocksDbBlockStore store = RocksDbBlockStore.open(dir)) {
      TrieWorldState state = store.initialize(GENESIS);
      assertThat(store.head().orElseThrow().hash()).isEqualTo(genesisHash);
      BlockBuilder.Built built = build(store, state, List.of(transfer(0), callLogger(1)));
      block1 = built.block();
      store.commit(block1, built.receipts(), state);

      assertThat(store.head().orElseThrow()).isEqualTo(block1.header());
      assertThat(store.block(block1.hash()).orElseThrow().encode()).isEqualTo(block1.encode());
      assertThat(store.blockByNumber(0).orElseThrow().hash()).isEqualTo(genesisHash);
      assertThat(store.canonicalHash(1)).contains(block1.hash());
      assertThat(store.receipts(block1.hash())).contains(built.receipts());
      assertThat(store.transactionLocation(block1.transactions().get(1).hash()))
          .contains(new ChainReader.TransactionLocation(block1.hash(), 1, 1));
      List<IndexedLog> logs = store.logs(block1.hash());
      assertThat(logs).hasSize(1);
      assertThat(logs.get(0).log().address()).isEqualTo(LOGGER);
      assertThat(logs.get(0).transactionIndex()).isEqualTo(1);
      assertThat(logs.get(0).transactionHash()).isEqualTo(block1.transactions().get(1).hash());
    }
    try (RocksDbBlockStore store = RocksDbBlockStore.open(dir)) {
      assertThat(store.head().orElseThrow().hash()).isEqualTo(block1.hash());
      TrieWorldState state = store.initialize(GENESIS); // same chain: resumes at the head
      assertThat(state.balance(BOB)).isEqualTo(UInt256.valueOf(100));
      assertThat(state.nonce(ALICE.address())).isEqualTo(2);
      assertThat(state.storage(LOGGER, UInt256.ZERO)).isEqualTo(UInt256.ONE);
      assertThat(state.code(LOGGER)).isEqualTo(LOGGER_CODE);
      assertThat(store.receipts(block1.hash()).orElseThrow()).hasSize(2);
      Genesis other = new Genesis(CHAIN_ID + 1, 30_000_000, 0, GWEI, Bytes.EMPTY, Map.of());
      assertThatThrownBy(() -> store.initialize(other))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("another data directory");
    }
  }

  @Test
  void aBatchThatIsNotWrittenLeavesTheOldHead() {
    Block block1;
    try (RocksDbBlockStore store = RocksDbBlockStore.open(dir)) {
      TrieWorldState state = store.initialize(GENESIS);
      BlockBuilder.Built built = build(store, state, List.of(transfer(0)));
      block1 = built.block();
      store.commit(block1, built.receipts(), state);
    }
    Block block2;
    try (RocksDbBlockStore store =
        new RocksDbBlockStore(FailingWritesStore.always(RocksDbKeyValueStore.open(dir)))) {
      TrieWorldState state = store.headState();
      BlockBuilder.Built built = build(store, state, List.of(transfer(1), callLogger(2)));
      block2 = built.block();
      assertThatThrownBy(() -> store.commit(block2, built.receipts(), state))
          .isInstanceOf(StoreException.class);
      assertThat(store.head().orElseThrow().hash()).isEqualTo(block1.hash());
    }
    try (RocksDbBlockStore store = RocksDbBlockStore.open(dir)) {
      assertThat(store.head().orElseThrow().hash()).isEqualTo(block1.hash());
      assertThat(store.block(block2.hash())).isEmpty();
      assertThat(store.canonicalHash(2)).isEmpty();
      assertThat(store.transactionLocation(block2.transactions().get(0).hash())).isEmpty();
      TrieWorldState state = store.headState();
      assertThat(state.nonce(ALICE.address())).isEqualTo(1);
      assertThat(state.storage(LOGGER, UInt256.ZERO)).isEqualTo(UInt256.ZERO);
      // The node carries on from the old head: the same block commits now.
      BlockBuilder.Built again = build(store, state, List.of(transfer(1), callLogger(2)));
      assertThat(again.block().hash()).isEqualTo(block2.hash());
      store.commit(again.block(), again.receipts(), state);
      assertThat(store.head().orElseThrow().number()).isEqualTo(2);
    }
  }

  @Test
  void refusesBlocksThatDoNotExtendTheHeadOrDisagreeWithTheState() {
    try (RocksDbBlockStore store = RocksDbBlockStore.open(dir)) {
      TrieWorldState state = store.initialize(GENESIS);
      BlockBuilder.Built built = build(store, state, List.of(transfer(0)));
      BlockHeader h = built.block().header();
      // Block 2 built on block 1, offered while the head is still genesis.
      BlockBuilder.Params next =
          new BlockBuilder.Params(
              Address.ZERO, h.timestamp() + 1, filled(4), 30_000_000, Bytes.EMPTY, Bytes32.ZERO);
      BlockBuilder.Built child =
          new BlockBuilder(Fork.CANCUN, CHAIN_ID).build(state, h, next, List.of(), NO_HASHES);
      assertThatThrownBy(() -> store.commit(child.block(), child.receipts(), state))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not extend");

      TrieWorldState untouched = store.headState(); // its root is genesis's, not block 1's
      assertThatThrownBy(() -> store.commit(built.block(), built.receipts(), untouched))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("state root");
      assertThat(store.head().orElseThrow().number()).isZero();
      assertThat(store.canonicalHash(1)).isEmpty();
    }
  }
}
