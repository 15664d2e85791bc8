package io.levity.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1.KeyPair;
import io.levity.core.num.UInt256;
import io.levity.core.tx.DynamicFeeTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import io.levity.execution.block.Block;
import io.levity.execution.block.Genesis;
import io.levity.execution.tx.ValidationCache;
import io.levity.node.store.RocksDbBlockStore;
import io.levity.trie.InMemoryKeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The executor keeps the state it committed and starts the next block from it: that must give
 * exactly the blocks a state read afresh from the store gives, across the periodic reopening, with
 * contract storage, dropped transactions and empty blocks, and the mempool's view of the senders
 * must be the committed one.
 */
class ChainExecutorTest {
  private static final long CHAIN = Devnet.CHAIN_ID;
  private static final TransactionSigner ALICE =
      new TransactionSigner(KeyPair.fromPrivate(Keccak.hash(new byte[] {7})));

  /** NUMBER SLOAD POP CALLER NUMBER SSTORE STOP: reads and writes a slot per block. */
  private static final Address COUNTER =
      Address.fromHex("0x00000000000000000000000000000000000c0de0");

  private static final Bytes CODE = Bytes.fromHex("0x435450334355" + "00");

  private static Genesis genesis() {
    return Devnet.withContract(
        Devnet.genesis(CHAIN, List.of(ALICE.address()), 1_000), COUNTER, CODE);
  }

  private static RocksDbBlockStore store() {
    RocksDbBlockStore s = new RocksDbBlockStore(new InMemoryKeyValueStore());
    s.initialize(genesis());
    return s;
  }

  private static Bytes transfer(long nonce, int block, int i) {
    Address to =
        Address.wrapAddress(
            Keccak.hash(Bytes.fromHex("0x%08x%08x".formatted(block, i))).slice(12, 20).toArray());
    return Bytes.wrap(
        ALICE
            .transfer(CHAIN, nonce, to, UInt256.ONE, UInt256.ONE, UInt256.valueOf(10_000_000_000L))
            .encode());
  }

  private static Bytes callCounter(long nonce) {
    Transaction tx =
        ALICE.sign(
            new DynamicFeeTransaction(
                OptionalLong.of(CHAIN),
                nonce,
                UInt256.ONE,
                UInt256.valueOf(10_000_000_000L),
                100_000,
                Optional.of(COUNTER),
                UInt256.ZERO,
                Bytes.EMPTY,
                List.of(),
                Transaction.UNSIGNED));
    return Bytes.wrap(tx.encode());
  }

  /** 70 payloads (past the reopening after 64): transfers, a contract call, a gap, empties. */
  private static List<Payload> payloads() {
    List<Payload> out = new ArrayList<>();
    long nonce = 0;
    for (int b = 0; b < 70; b++) {
      List<Bytes> txs = new ArrayList<>();
      if (b % 10 != 9) { // every tenth block is empty
        for (int i = 0; i < 3; i++) txs.add(transfer(nonce++, b, i));
        txs.add(callCounter(nonce++));
        if (b % 7 == 3) txs.add(transfer(nonce + 5, b, 99)); // a nonce gap: dropped by all
      }
      out.add(new Payload(1_000 + b, Address.ZERO, txs));
    }
    return out;
  }

  @Test
  void keptStateGivesTheSameBlocksAsAFreshOne() {
    RocksDbBlockStore kept = store();
    RocksDbBlockStore fresh = store();
    ChainExecutor keeping = new ChainExecutor(kept, CHAIN, new ValidationCache(1024));
    List<Payload> payloads = payloads();
    for (int b = 0; b < payloads.size(); b++) {
      Bytes32 id = Keccak.hash(Bytes.fromHex("0x%08x".formatted(b)));
      Block k = keeping.executeAndStore(payloads.get(b), id, batch -> {}).block();
      // A new executor each time starts from the store: no state kept.
      Block f =
          new ChainExecutor(fresh, CHAIN, new ValidationCache(1024))
              .executeAndStore(payloads.get(b), id, batch -> {})
              .block();
      assertThat(k.hash()).as("block %d", k.number()).isEqualTo(f.hash());
      assertThat(k.transactions()).hasSize(payloads.get(b).transactions().isEmpty() ? 0 : 4);
    }
    long nonce = kept.headState().nonce(ALICE.address());
    assertThat(nonce).isEqualTo(63L * 4);
    assertThat(kept.headState().storage(COUNTER, UInt256.valueOf(69)))
        .isEqualTo(UInt256.fromBytes(ALICE.address().toArray()));
    HeadAccounts view = keeping.headAccounts();
    assertThat(view.nonce(ALICE.address())).isEqualTo(nonce);
    assertThat(view.balance(ALICE.address())).isEqualTo(kept.headState().balance(ALICE.address()));
  }
}
