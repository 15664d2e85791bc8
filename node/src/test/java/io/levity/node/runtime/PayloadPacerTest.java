package io.levity.node.runtime;

import static io.levity.node.runtime.TestTransactions.withCalldata;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.consensus.engine.EngineConfig;
import io.levity.consensus.engine.InMemoryPendingBlockStore;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.ConsensusGenesis;
import io.levity.consensus.types.QuorumCert;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.fork.Fork;
import io.levity.execution.tx.TransactionValidator;
import io.levity.node.mempool.Mempool;
import io.levity.node.mempool.MempoolConfig;
import io.levity.node.mempool.MempoolException;
import io.levity.testing.ManualScheduler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Block pacing in virtual time: when the leader's payload is handed over, and that nothing runs
 * while it waits.
 */
class PayloadPacerTest {
  private static final long INTERVAL = 1_000;
  private static final long MIN = PayloadPacer.minIntervalMillis(INTERVAL);
  private static final Address COINBASE = Address.fromHex("0x" + "c0".repeat(20));
  private static final TransactionSigner ALICE =
      new TransactionSigner(Secp256k1.KeyPair.fromPrivate(Keccak.hash(new byte[] {1})));
  private static final TransactionSigner BOB =
      new TransactionSigner(Secp256k1.KeyPair.fromPrivate(Keccak.hash(new byte[] {2})));
  private static final UInt256 MAX_FEE = UInt256.valueOf(10_000_000_000L);
  private static final int MAX_PAYLOAD = EngineConfig.defaults(Devnet.CHAIN_ID).maxPayloadBytes();

  private final ManualScheduler scheduler = new ManualScheduler();
  private final Mempool mempool =
      new Mempool(
          MempoolConfig.DEFAULT,
          TestTransactions.freshAccounts(a -> Devnet.ONE_ETHER),
          Devnet.GAS_LIMIT,
          scheduler);
  private final InMemoryPendingBlockStore pending = new InMemoryPendingBlockStore();
  private final BlockHeader head =
      Devnet.genesis(Devnet.CHAIN_ID, List.of(ALICE.address()), 1).header(Bytes32.ZERO);
  private final PayloadPacer pacer =
      new PayloadPacer(
          scheduler,
          new PayloadBuilder(mempool, pending, COINBASE, MAX_PAYLOAD),
          () -> head,
          INTERVAL);

  /** Payloads handed to the engine, with the virtual time they came at. */
  private record Ready(long atMillis, Payload payload) {}

  private final List<Ready> ready = new ArrayList<>();

  PayloadPacerTest() {
    mempool.onTransactionsAdded(pacer::workArrived);
  }

  private void request(Bytes32 parentId) {
    pacer.request(parentId, p -> ready.add(new Ready(scheduler.nowMillis(), p)));
  }

  private Transaction submit(long nonce) throws MempoolException {
    Transaction tx =
        ALICE.transfer(
            Devnet.CHAIN_ID,
            nonce,
            COINBASE,
            UInt256.ONE,
            UInt256.valueOf(1_000_000_000L),
            UInt256.valueOf(10_000_000_000L));
    byte[] raw = tx.encode();
    mempool.add(
        new TransactionValidator(Fork.CANCUN, Devnet.CHAIN_ID).decodeAndValidate(raw), raw.length);
    return tx;
  }

  @Test
  void theMinimumIntervalIsATenthOfTheBlockIntervalButAtLeast20Ms() {
    assertThat(PayloadPacer.minIntervalMillis(1_000)).isEqualTo(100);
    assertThat(PayloadPacer.minIntervalMillis(50)).isEqualTo(20);
    assertThat(PayloadPacer.minIntervalMillis(10)).isEqualTo(10);
  }

  @Test
  void anIdleChainProposesAnEmptyPayloadAtTheBlockIntervalWithoutPolling() {
    request(Bytes32.ZERO);
    assertThat(scheduler.advance(INTERVAL - 1))
        .as("one look for work at the minimum interval, nothing more")
        .isEqualTo(1);
    assertThat(ready).isEmpty();
    scheduler.advance(1);
    assertThat(ready).hasSize(1);
    assertThat(ready.get(0).atMillis()).isEqualTo(INTERVAL);
    assertThat(ready.get(0).payload().transactions()).isEmpty();
    assertThat(ready.get(0).payload().coinbase()).isEqualTo(COINBASE);
    assertThat(ready.get(0).payload().timestamp()).isEqualTo(scheduler.epochMillis() / 1000);
    assertThat(scheduler.pending()).as("no timer left behind").isZero();
  }

  @Test
  void workAlreadyWaitingIsProposedAfterTheMinimumInterval() throws MempoolException {
    Transaction tx = submit(0);
    request(Bytes32.ZERO);
    scheduler.advance(MIN - 1);
    assertThat(ready).isEmpty();
    scheduler.advance(1);
    assertThat(ready).extracting(Ready::atMillis).containsExactly(MIN);
    assertThat(ready.get(0).payload().transactions()).containsExactly(Bytes.wrap(tx.encode()));
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void workArrivingWhileIdleWakesTheLeaderAtOnce() throws MempoolException {
    request(Bytes32.ZERO);
    scheduler.advance(300);
    assertThat(ready).isEmpty();
    Transaction tx = submit(0);
    scheduler.runDue();
    assertThat(ready).extracting(Ready::atMillis).containsExactly(300L);
    assertThat(ready.get(0).payload().transactions()).containsExactly(Bytes.wrap(tx.encode()));
    scheduler.advance(INTERVAL);
    assertThat(ready).as("answered once").hasSize(1);
  }

  @Test
  void manyTransactionsArrivingAtOnceWakeTheLeaderOnce() throws MempoolException {
    request(Bytes32.ZERO);
    scheduler.advance(MIN);
    for (int n = 0; n < 10; n++) submit(n);
    assertThat(scheduler.pending()).as("one queued wake-up").isEqualTo(2);
    scheduler.runDue();
    assertThat(ready).hasSize(1);
    assertThat(ready.get(0).payload().transactions()).hasSize(10);
  }

  @Test
  void workArrivingBeforeTheMinimumIntervalWaitsForIt() throws MempoolException {
    request(Bytes32.ZERO);
    scheduler.advance(MIN / 2);
    submit(0);
    scheduler.runDue();
    assertThat(ready).isEmpty();
    scheduler.advance(MIN / 2);
    assertThat(ready).extracting(Ready::atMillis).containsExactly(MIN);
  }

  @Test
  void transactionsInUncommittedAncestorsAreNotProposedAgainButTheAncestorsNeedCertificates()
      throws MempoolException {
    Transaction carried = submit(0);
    QuorumCert genesisQc = QuorumCert.genesis(ConsensusGenesis.of(Devnet.CHAIN_ID, 1), 4);
    ConsensusBlock parent =
        ConsensusBlock.create(
            1,
            1,
            0,
            genesisQc,
            0,
            Bytes32.ZERO,
            new Payload(0, COINBASE, List.of(Bytes.wrap(carried.encode()))).encode());
    pending.save(parent);

    request(parent.id());
    scheduler.advance(MIN);
    assertThat(ready).extracting(Ready::atMillis).as("early: the parent must commit").contains(MIN);
    assertThat(ready.get(0).payload().transactions()).as("not carried twice").isEmpty();

    ready.clear();
    pending.discard(List.of(parent.id()));
    mempool.remove(carried.hash());
    request(parent.id());
    scheduler.advance(INTERVAL);
    assertThat(ready).extracting(Ready::atMillis).containsExactly(MIN + INTERVAL);
  }

  private void add(Transaction tx) throws MempoolException {
    byte[] raw = tx.encode();
    mempool.add(
        new TransactionValidator(Fork.CANCUN, Devnet.CHAIN_ID).decodeAndValidate(raw), raw.length);
  }

  @Test
  void nineTransactionsOfAlmost128KibFillTwoPayloadsUnderTheByteCap() throws MempoolException {
    List<Transaction> big = new ArrayList<>();
    for (int n = 0; n < 9; n++) big.add(withCalldata(ALICE, n, COINBASE, 127 * 1024, MAX_FEE));
    for (Transaction tx : big) add(tx);
    request(Bytes32.ZERO);
    scheduler.advance(MIN);
    assertThat(ready).hasSize(1);
    Payload first = ready.get(0).payload();
    assertThat(first.encode().size()).isLessThanOrEqualTo(MAX_PAYLOAD);
    assertThat(first.transactions())
        .as("as many as fit, in nonce order")
        .containsExactlyElementsOf(
            big.subList(0, 8).stream().map(t -> Bytes.wrap(t.encode())).toList());
  }

  @Test
  void aTransactionLargerThanAnyPayloadIsNeverProposedAndHoldsUpNoOne() throws MempoolException {
    PayloadBuilder small = new PayloadBuilder(mempool, pending, COINBASE, 64 * 1024);
    Transaction giant = withCalldata(ALICE, 0, COINBASE, 100 * 1024, MAX_FEE); // tips 1 gwei
    add(giant);
    PayloadBuilder.InFlight none = small.inFlight(Bytes32.ZERO);
    assertThat(small.hasWork(head, none)).as("it can never be included").isFalse();
    assertThat(small.build(head, none, 0).transactions()).isEmpty();
    Transaction behind =
        BOB.transfer(
            Devnet.CHAIN_ID,
            0,
            COINBASE,
            UInt256.ONE,
            UInt256.valueOf(100_000_000L), // tips less than the giant
            UInt256.valueOf(10_000_000_000L));
    add(behind);
    assertThat(small.hasWork(head, none)).isTrue();
    Payload p = small.build(head, none, 0);
    assertThat(p.transactions()).containsExactly(Bytes.wrap(behind.encode()));
    assertThat(p.encode().size()).isLessThanOrEqualTo(64 * 1024);
  }

  @Test
  void aPayloadOfManyTransactionsCountsTheirRlpHeadersAgainstTheCap() throws MempoolException {
    int cap = 4 * 1024;
    PayloadBuilder small = new PayloadBuilder(mempool, pending, COINBASE, cap);
    for (int n = 0; n < 60; n++) submit(n); // about 110 bytes each: 6.6 KiB in all
    Payload p = small.build(head, small.inFlight(Bytes32.ZERO), Long.MAX_VALUE / 2);
    assertThat(p.encode().size()).isLessThanOrEqualTo(cap).isGreaterThan(cap - 200);
    assertThat(p.transactions()).hasSizeLessThan(60);
  }

  @Test
  void aTransactionThatCanNeverBeIncludedIsNoReasonToProposeEarly() throws MempoolException {
    add(
        ALICE.transfer(
            Devnet.CHAIN_ID, 0, COINBASE, UInt256.ONE, UInt256.ZERO, UInt256.ZERO)); // fee 0
    add(
        BOB.transfer(
            Devnet.CHAIN_ID,
            2, // the account's next nonce is 0
            COINBASE,
            UInt256.ONE,
            UInt256.valueOf(1_000_000_000L),
            UInt256.valueOf(10_000_000_000L)));
    request(Bytes32.ZERO);
    scheduler.advance(INTERVAL - 1);
    assertThat(ready).as("nothing includable: the idle pace").isEmpty();
    scheduler.advance(1);
    assertThat(ready).extracting(Ready::atMillis).containsExactly(INTERVAL);
    assertThat(ready.get(0).payload().transactions()).isEmpty();
  }

  @Test
  void aNewRequestReplacesTheOneWaitingAndCancelDropsIt() throws MempoolException {
    List<String> answered = new ArrayList<>();
    pacer.request(Bytes32.ZERO, p -> answered.add("first"));
    scheduler.advance(200);
    pacer.request(Bytes32.ZERO, p -> answered.add("second"));
    scheduler.advance(INTERVAL);
    assertThat(answered).containsExactly("second");

    pacer.request(Bytes32.ZERO, p -> answered.add("third"));
    pacer.cancel();
    submit(0);
    scheduler.advance(2 * INTERVAL);
    assertThat(answered).containsExactly("second");
    assertThat(scheduler.pending()).isZero();
  }
}
