package io.levity.execution.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1.KeyPair;
import io.levity.core.num.UInt256;
import io.levity.core.tx.BlobTransaction;
import io.levity.core.tx.DynamicFeeTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionError;
import io.levity.core.tx.TransactionSigner;
import io.levity.evm.BlockContext.BlockHashLookup;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.BlobGas;
import io.levity.execution.state.StateRoots;
import io.levity.execution.state.TrieWorldState;
import io.levity.trie.InMemoryKeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Building a block from candidates, then importing it on a second node's state. */
class BlockBuilderTest {
  private static final long CHAIN_ID = 7;
  private static final TransactionSigner ALICE =
      new TransactionSigner(KeyPair.fromPrivate(BlockHeaderTest.filled(0x11)));
  private static final TransactionSigner BOB =
      new TransactionSigner(KeyPair.fromPrivate(BlockHeaderTest.filled(0x22)));
  private static final Address CAROL = Address.fromHex("0x" + "cc".repeat(20));
  private static final Address COINBASE = Address.fromHex("0x" + "c0".repeat(20));
  private static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);

  /** The fee cap of the test transactions (the tip is one gwei). */
  private static final UInt256 FEE_CAP = GWEI.multiply(3);

  private static final BlockHashLookup NO_HASHES = n -> Bytes32.ZERO;

  /**
   * Stores 1 in slot 0 and logs one topic: PUSH1 1 PUSH1 0 SSTORE PUSH1 7 PUSH1 0 PUSH1 0 LOG1
   * STOP.
   */
  private static final Bytes CONTRACT_CODE = Bytes.fromHex("0x6001600055600760006000a100");

  private static final Address CONTRACT = Address.fromHex("0x" + "ab".repeat(20));

  private static final Genesis GENESIS =
      new Genesis(
          CHAIN_ID,
          30_000_000,
          1_000,
          GWEI,
          Bytes.EMPTY,
          Map.of(
              ALICE.address(),
              Genesis.Account.ofBalance(GWEI.multiply(1_000_000_000L)),
              BOB.address(),
              Genesis.Account.ofBalance(
                  GWEI.multiply(100_000)), // covers one transfer at 3 gwei max fee
              CONTRACT,
              new Genesis.Account(
                  UInt256.ZERO, CONTRACT_CODE, 1, Map.of(UInt256.ONE, UInt256.valueOf(5)))));

  private final BlockBuilder builder = new BlockBuilder(Fork.CANCUN, CHAIN_ID);

  private static BlockBuilder.Params params(long gasLimit) {
    return new BlockBuilder.Params(
        COINBASE, 1_012, BlockHeaderTest.filled(9), gasLimit, Bytes.EMPTY, Bytes32.ZERO);
  }

  private static Transaction transfer(
      TransactionSigner s, long nonce, long chainId, UInt256 value) {
    return s.transfer(chainId, nonce, CAROL, value, GWEI, FEE_CAP);
  }

  private static Transaction call(TransactionSigner s, long nonce) {
    return s.sign(
        new DynamicFeeTransaction(
            OptionalLong.of(CHAIN_ID),
            nonce,
            GWEI,
            FEE_CAP,
            100_000,
            Optional.of(CONTRACT),
            UInt256.ZERO,
            Bytes.EMPTY,
            List.of(),
            Transaction.UNSIGNED));
  }

  private static TrieWorldState genesisState(InMemoryKeyValueStore store) {
    TrieWorldState w = TrieWorldState.empty(store);
    GENESIS.applyTo(w);
    w.commit();
    return w;
  }

  @Test
  void genesisStateRootMatchesStateRootsAndTheTrieWorld() {
    Block g = GENESIS.block();
    assertThat(g.header().stateRoot()).isEqualTo(StateRoots.stateRoot(GENESIS.world()));
    assertThat(genesisState(new InMemoryKeyValueStore()).stateRoot())
        .isEqualTo(g.header().stateRoot());
    assertThat(g.number()).isZero();
    assertThat(g.header().transactionsRoot()).isEqualTo(BlockHeader.EMPTY_TRIE_ROOT);
    assertThat(Block.decode(g.encode())).isEqualTo(g);
  }

  @Test
  void dropsInvalidTransactionsAndKeepsTheRest() {
    TrieWorldState world = genesisState(new InMemoryKeyValueStore());
    BlockHeader parent = GENESIS.block().header();
    List<Transaction> candidates =
        List.of(
            transfer(ALICE, 0, CHAIN_ID, UInt256.ONE),
            transfer(ALICE, 5, CHAIN_ID, UInt256.ONE), // nonce gap
            transfer(ALICE, 1, 99, UInt256.ONE), // other chain
            call(ALICE, 1),
            transfer(BOB, 0, CHAIN_ID, GWEI.multiply(10_000_000)), // cannot afford the value
            transfer(BOB, 0, CHAIN_ID, UInt256.ONE));
    BlockBuilder.Built built =
        builder.build(world, parent, params(30_000_000), candidates, NO_HASHES);

    assertThat(built.block().transactions())
        .containsExactly(candidates.get(0), candidates.get(3), candidates.get(5));
    assertThat(built.dropped())
        .extracting(d -> d.reason().error())
        .containsExactly(
            TransactionError.NONCE_MISMATCH_TOO_HIGH,
            TransactionError.INVALID_CHAIN_ID,
            TransactionError.INSUFFICIENT_ACCOUNT_FUNDS);
    BlockHeader h = built.block().header();
    assertThat(h.number()).isEqualTo(1);
    assertThat(h.parentHash()).isEqualTo(parent.hash());
    assertThat(h.baseFeePerGas()).isEqualTo(FeeMarket.nextBaseFee(parent));
    assertThat(h.gasUsed()).isEqualTo(built.receipts().get(2).cumulativeGasUsed());
    assertThat(built.receipts().get(1).logs()).hasSize(1);
    assertThat(LogsBloom.mightContain(h.logsBloom(), CONTRACT)).isTrue();
    assertThat(world.balance(CAROL)).isEqualTo(UInt256.valueOf(2));
    assertThat(world.storage(CONTRACT, UInt256.ZERO)).isEqualTo(UInt256.ONE);

    // Another node imports the block on its own copy of the genesis state and reaches the same
    // roots.
    TrieWorldState other = genesisState(new InMemoryKeyValueStore());
    BlockExecutor.Result r;
    try {
      r =
          new BlockExecutor(Fork.CANCUN, CHAIN_ID)
              .importBlock(other, parent, Block.decode(built.block().encode()), NO_HASHES);
    } catch (InvalidBlockException e) {
      throw new AssertionError(e);
    }
    assertThat(r.stateRoot()).isEqualTo(h.stateRoot());
    assertThat(r.receipts()).isEqualTo(built.receipts());
  }

  @Test
  void stopsAtTheGasLimit() {
    TrieWorldState world = genesisState(new InMemoryKeyValueStore());
    List<Transaction> candidates =
        List.of(
            transfer(ALICE, 0, CHAIN_ID, UInt256.ONE),
            call(ALICE, 1),
            transfer(ALICE, 1, CHAIN_ID, UInt256.ONE),
            transfer(ALICE, 2, CHAIN_ID, UInt256.ONE),
            transfer(ALICE, 3, CHAIN_ID, UInt256.ONE));
    BlockBuilder.Built built =
        builder.build(world, GENESIS.block().header(), params(50_000), candidates, NO_HASHES);
    // The call's 100000 gas limit exceeds what is left; two transfers fit; then less than 21000 is
    // left.
    assertThat(built.block().transactions()).containsExactly(candidates.get(0), candidates.get(2));
    assertThat(built.dropped())
        .extracting(d -> d.reason().error())
        .containsExactly(TransactionError.GAS_ALLOWANCE_EXCEEDED);
    assertThat(built.block().header().gasUsed()).isEqualTo(42_000);
    assertThat(Long.compareUnsigned(built.block().header().gasUsed(), 50_000)).isNegative();
  }

  @Test
  void importRejectsABlockWithAnInvalidTransactionOrAWrongRoot() {
    BlockExecutor executor = new BlockExecutor(Fork.CANCUN, CHAIN_ID);
    BlockBuilder.Built built =
        builder.build(
            genesisState(new InMemoryKeyValueStore()),
            GENESIS.block().header(),
            params(30_000_000),
            List.of(transfer(ALICE, 0, CHAIN_ID, UInt256.ONE)),
            NO_HASHES);
    Block good = built.block();
    BlockHeader h = good.header();

    Block withBadTx = new Block(h, List.of(transfer(ALICE, 3, CHAIN_ID, UInt256.ONE)));
    assertThatThrownBy(
            () ->
                executor.importBlock(
                    genesisState(new InMemoryKeyValueStore()), withBadTx, NO_HASHES))
        .isInstanceOf(InvalidBlockException.class)
        .hasMessageContaining("NONCE_MISMATCH_TOO_HIGH");

    BlockHeader wrongRoot = TestHeaders.with(h, "stateRoot", Bytes32.ZERO);
    assertThatThrownBy(
            () ->
                executor.importBlock(
                    genesisState(new InMemoryKeyValueStore()),
                    new Block(wrongRoot, good.transactions()),
                    NO_HASHES))
        .hasMessageContaining("state root");
  }

  @Test
  void headerRulesAgainstTheParent() throws InvalidBlockException {
    BlockHeader parent = GENESIS.block().header();
    BlockHeader h =
        builder
            .build(
                WorldState.copyOf(GENESIS.world()),
                parent,
                params(30_000_000),
                List.of(),
                NO_HASHES)
            .block()
            .header();
    HeaderValidator.validate(parent, h);
    BlockHeader wrongFee = TestHeaders.with(h, "baseFeePerGas", h.baseFeePerGas().add(UInt256.ONE));
    assertThatThrownBy(() -> HeaderValidator.validate(parent, wrongFee))
        .hasMessageContaining("base fee");
    BlockHeader sameTime = TestHeaders.with(h, "timestamp", parent.timestamp());
    assertThatThrownBy(() -> HeaderValidator.validate(parent, sameTime))
        .hasMessageContaining("timestamp");
    assertThatThrownBy(() -> HeaderValidator.validate(h, h)).hasMessageContaining("parent hash");
  }

  @Test
  void anObserverIsToldOfEachPhaseInOrderAndChangesNothing() {
    List<BuildObserver.Phase> told = new ArrayList<>();
    List<Transaction> candidates =
        List.of(transfer(ALICE, 0, CHAIN_ID, UInt256.ONE), transfer(BOB, 0, CHAIN_ID, UInt256.ONE));
    BlockBuilder.Built observed =
        new BlockBuilder(Fork.CANCUN, CHAIN_ID, told::add)
            .build(
                WorldState.copyOf(GENESIS.world()),
                GENESIS.block().header(),
                params(30_000_000),
                candidates,
                NO_HASHES);
    BlockBuilder.Built plain =
        builder.build(
            WorldState.copyOf(GENESIS.world()),
            GENESIS.block().header(),
            params(30_000_000),
            candidates,
            NO_HASHES);
    assertThat(told)
        .containsExactly(BuildObserver.Phase.TRANSACTIONS, BuildObserver.Phase.STATE_ROOT);
    assertThat(observed.block().hash()).isEqualTo(plain.block().hash());
    assertThat(observed.block().transactions()).hasSize(2);
  }

  @Test
  void inMemoryAndTrieWorldsBuildTheSameBlock() {
    // A creation whose initcode writes slot 0 and deploys one byte of code.
    Transaction create =
        ALICE.sign(
            new DynamicFeeTransaction(
                OptionalLong.of(CHAIN_ID),
                2,
                GWEI,
                FEE_CAP,
                200_000,
                Optional.empty(),
                UInt256.ZERO,
                Bytes.fromHex("0x6001600055600060005360016000f3"),
                List.of(),
                Transaction.UNSIGNED));
    List<Transaction> candidates =
        List.of(
            transfer(ALICE, 0, CHAIN_ID, UInt256.ONE),
            call(ALICE, 1),
            transfer(BOB, 0, CHAIN_ID, UInt256.ONE),
            create);
    BlockBuilder.Built a =
        builder.build(
            WorldState.copyOf(GENESIS.world()),
            GENESIS.block().header(),
            params(30_000_000),
            candidates,
            NO_HASHES);
    BlockBuilder.Built b =
        new BlockBuilder(Fork.CANCUN, CHAIN_ID)
            .build(
                genesisState(new InMemoryKeyValueStore()),
                GENESIS.block().header(),
                params(30_000_000),
                candidates,
                NO_HASHES);
    assertThat(a.block().hash()).isEqualTo(b.block().hash());
    assertThat(a.block().transactions()).hasSize(4);
    assertThat(a.results().get(3).createdAddress()).isNotNull();
  }

  @Test
  void blobGasIsLimitedPerBlock() {
    TrieWorldState world = genesisState(new InMemoryKeyValueStore());
    Transaction six = blob(0, 6);
    Transaction one = blob(1, 1);
    BlockBuilder.Built built =
        builder.build(
            world, GENESIS.block().header(), params(30_000_000), List.of(six, one), NO_HASHES);
    assertThat(built.block().transactions()).containsExactly(six);
    assertThat(built.block().header().blobGasUsed()).isEqualTo(BlobGas.MAX_PER_BLOCK);
    assertThat(built.dropped())
        .extracting(d -> d.reason().error())
        .containsExactly(TransactionError.BLOB_COUNT_EXCEEDED);

    BlockHeader h = built.block().header();
    Block tooMany = new Block(h, List.of(six, one));
    assertThatThrownBy(
            () ->
                new BlockExecutor(Fork.CANCUN, CHAIN_ID)
                    .execute(
                        genesisState(new InMemoryKeyValueStore()),
                        h,
                        tooMany.transactions(),
                        NO_HASHES))
        .isInstanceOf(InvalidBlockException.class)
        .hasMessageContaining("blob gas");
  }

  private static Transaction blob(long nonce, int blobs) {
    List<Bytes32> hashes = new java.util.ArrayList<>();
    for (int i = 0; i < blobs; i++) {
      byte[] h = new byte[32];
      h[0] = 1;
      h[31] = (byte) i;
      hashes.add(Bytes32.wrap32(h));
    }
    return ALICE.sign(
        new BlobTransaction(
            OptionalLong.of(CHAIN_ID),
            nonce,
            GWEI,
            FEE_CAP,
            21_000,
            Optional.of(CAROL),
            UInt256.ZERO,
            Bytes.EMPTY,
            List.of(),
            UInt256.valueOf(10),
            hashes,
            Transaction.UNSIGNED));
  }
}
