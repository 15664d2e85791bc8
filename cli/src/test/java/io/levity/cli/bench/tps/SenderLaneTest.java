package io.levity.cli.bench.tps;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.core.tx.LegacyTransaction;
import io.levity.core.tx.Transaction;
import io.levity.sdk.rpc.EthRpcException;
import io.levity.sdk.rpc.RpcErrorException;
import io.levity.sdk.rpc.RpcTransportException;
import io.levity.sdk.tx.SignedTx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sender loop on a fake clock against a scripted node: nonces, window, back-off and every error
 * verdict.
 */
class SenderLaneTest {
  private static final long MS = 1_000_000L;

  /** Advances only when the lane sleeps or the node "works" (1 ms per request). */
  static final class FakeClock implements SenderLane.Clock {
    long now;
    final List<Long> sleeps = new ArrayList<>();

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      if (nanos != SenderLane.WINDOW_WAIT_NANOS) sleeps.add(nanos);
      now += nanos;
    }
  }

  /**
   * A node whose answers are scripted, one per transaction in the order they arrive; once the
   * script runs out it accepts everything. A request takes 1 ms whatever its size.
   */
  final class ScriptedNode implements SenderLane.Submitter {
    /** Answers in order; null means accept. */
    final List<EthRpcException> script = new ArrayList<>();

    final List<String> sent = new ArrayList<>();
    final List<List<String>> requests = new ArrayList<>();
    boolean includeImmediately;

    @Override
    public List<SenderLane.Answer> submit(List<Bytes> raws) {
      clock.now += MS;
      List<String> request = new ArrayList<>();
      List<SenderLane.Answer> answers = new ArrayList<>();
      for (Bytes raw : raws) {
        String body = new String(raw.toArray(), StandardCharsets.UTF_8);
        sent.add(body);
        request.add(body);
        EthRpcException next = sent.size() <= script.size() ? script.get(sent.size() - 1) : null;
        if (next != null) {
          answers.add(SenderLane.Answer.failed(next));
          continue;
        }
        if (includeImmediately) tracker.seenInBlock(hashOf(body), 1, clock.now);
        answers.add(SenderLane.Answer.accepted(hashOf(body)));
      }
      requests.add(request);
      return answers;
    }
  }

  final FakeClock clock = new FakeClock();
  final TxTracker tracker = new TxTracker(new long[] {10});
  final ScriptedNode node = new ScriptedNode();
  long resyncNonce = -1;

  static Bytes32 hashOf(String body) {
    return Keccak.hash(body.getBytes(StandardCharsets.UTF_8));
  }

  /** A stand-in transaction whose raw bytes are "nonce:seq", so the test sees what was sent. */
  static SignedTx tx(long nonce, long seq) {
    Transaction dummy =
        new LegacyTransaction(
            nonce,
            UInt256.ZERO,
            21_000,
            Optional.empty(),
            UInt256.ZERO,
            Bytes.EMPTY,
            OptionalLong.empty(),
            Transaction.UNSIGNED);
    String body = nonce + ":" + seq;
    return new SignedTx(dummy, Bytes.wrap(body.getBytes(StandardCharsets.UTF_8)), hashOf(body));
  }

  /**
   * raw bytes "nonce:seq" so the test sees exactly which nonce and which build each request
   * carried.
   */
  private SenderLane lane(int window, long runMillis) {
    return lane(window, SenderLane.Pacing.NONE, runMillis, () -> resyncNonce);
  }

  private SenderLane lane(
      int window, SenderLane.Pacing pacing, long runMillis, SenderLane.NonceSource nonces) {
    return lane(window, 1, pacing, runMillis, nonces);
  }

  private SenderLane lane(
      int window,
      int batch,
      SenderLane.Pacing pacing,
      long runMillis,
      SenderLane.NonceSource nonces) {
    return new SenderLane(
        0,
        10,
        window,
        batch,
        pacing,
        runMillis * MS,
        tracker,
        node,
        nonces,
        TxBuffer.onTheFly(SenderLaneTest::tx),
        new Backoff(Duration.ofMillis(5), Duration.ofMillis(40)),
        clock);
  }

  private static RpcErrorException rpcError(String message) {
    return new RpcErrorException("eth_sendRawTransaction", 200, -32000, message, null);
  }

  private List<Long> noncesSent() {
    return node.sent.stream().map(s -> Long.parseLong(s.substring(0, s.indexOf(':')))).toList();
  }

  @Test
  void sendsConsecutiveNoncesUntilTheWindowIsFull() {
    SenderLane lane = lane(5, 1_000);
    lane.run();
    assertThat(noncesSent())
        .containsExactly(10L, 11L, 12L, 13L, 14L); // nothing included: the window stays shut
    assertThat(tracker.acknowledgedCount()).isEqualTo(5);
    assertThat(lane.stats().nextNonce()).isEqualTo(15);
    assertThat(clock.now)
        .isGreaterThanOrEqualTo(1_000 * MS); // it waited for blocks until the deadline
  }

  @Test
  void inclusionOpensTheWindowAndTheLaneStopsAtTheDeadline() {
    node.includeImmediately = true;
    SenderLane lane = lane(2, 100);
    lane.run();
    List<Long> nonces = noncesSent();
    assertThat(nonces).hasSize(100); // 1 ms per request, 100 ms deadline
    for (int i = 0; i < nonces.size(); i++) assertThat(nonces.get(i)).isEqualTo(10L + i);
    assertThat(tracker.includedNext(0)).isEqualTo(110);
  }

  @Test
  void busyNodeGetsTheSameBytesAgainAfterGrowingBackoff() {
    node.script.add(rpcError("too many transactions from this sender: 256 waiting"));
    node.script.add(
        rpcError(
            "transaction pool is full and the fee is too low to evict another: 20000 transactions"));
    node.script.add(
        new RpcErrorException("eth_sendRawTransaction", 429, -32005, "rate limit exceeded", null));
    node.script.add(rpcError("too many transactions from this sender: 256 waiting"));
    SenderLane lane = lane(2, 1_000);
    lane.run();
    assertThat(node.sent).startsWith("10:0", "10:0", "10:0", "10:0", "10:0", "11:1");
    assertThat(clock.sleeps).containsExactly(5 * MS, 10 * MS, 20 * MS, 40 * MS); // capped at 40 ms
    assertThat(lane.stats().retries()).isEqualTo(4);
    assertThat(tracker.acknowledgedCount()).isEqualTo(2);
    assertThat(lane.stats().failure()).isNull();
  }

  @Test
  void backoffStartsOverAfterASuccess() {
    node.includeImmediately = true;
    RpcErrorException busy = rpcError("too many transactions from this sender: 256 waiting");
    node.script.addAll(Arrays.asList(busy, busy, null, busy, null));
    SenderLane lane = lane(8, 1_000);
    lane.run();
    assertThat(node.sent).startsWith("10:0", "10:0", "10:0", "11:1", "11:1", "12:2");
    assertThat(clock.sleeps).containsExactly(5 * MS, 10 * MS, 5 * MS);
  }

  /**
   * A resend of bytes the node already took: "already known", or "nonce too low" (the first attempt
   * got through), counts as accepted, with no resync.
   */
  static Stream<Arguments> resendsOfBytesTheNodeTook() {
    return Stream.of(
        Arguments.of(
            new RpcTransportException("eth_sendRawTransaction", "request timed out", null),
            rpcError("already known")),
        Arguments.of(
            new RpcTransportException("eth_sendRawTransaction", "connection reset", null),
            rpcError("nonce too low: next nonce 11, tx nonce 10")));
  }

  @ParameterizedTest
  @MethodSource("resendsOfBytesTheNodeTook")
  void aResendOfBytesTheNodeTookCountsAsAccepted(EthRpcException first, EthRpcException second) {
    node.script.add(first);
    node.script.add(second);
    SenderLane lane = lane(1, 1_000);
    lane.run();
    assertThat(node.sent).containsExactly("10:0", "10:0");
    assertThat(tracker.acknowledgedCount()).isEqualTo(1);
    assertThat(lane.stats().nextNonce()).isEqualTo(11);
    assertThat(lane.stats().resyncs()).isZero();
  }

  @Test
  void nonceTooLowOnAFirstAttemptTakesTheNodesNonce() {
    resyncNonce = 42;
    node.script.add(
        rpcError("Nonce too low. Expected nonce to be 42 but got 10.")); // Hardhat's wording
    SenderLane lane = lane(100, 3);
    lane.run();
    assertThat(noncesSent()).startsWith(10L, 42L, 43L);
    assertThat(lane.stats().resyncs()).isEqualTo(1);
    assertThat(tracker.tally(0, Long.MAX_VALUE).acknowledged()).isEqualTo(noncesSent().size() - 1);
  }

  @Test
  void aRefusedTransactionLeavesItsNonceToTheNextOne() {
    node.script.add(rpcError("insufficient funds for gas * price + value: balance 0, cost 42000"));
    SenderLane lane = lane(2, 1_000);
    lane.run();
    assertThat(node.sent)
        .containsExactly("10:0", "10:1", "11:2"); // same nonce, new transaction: no gap
    assertThat(lane.stats().rejected()).isEqualTo(1);
    assertThat(lane.stats().lastRejection()).contains("insufficient funds");
    assertThat(tracker.acknowledgedCount()).isEqualTo(2);
    assertThat(tracker.tally(0, Long.MAX_VALUE).lost())
        .isEqualTo(2); // never included: the fake chain made no block
  }

  @Test
  void aFixedRateSpacesNewTransactionsButNotResends() {
    node.includeImmediately = true;
    node.script.add(rpcError("too many transactions from this sender: 256 waiting"));
    SenderLane lane = lane(100, new SenderLane.Pacing(20 * MS, 0), 100, () -> 0);
    lane.run();
    // t=0 busy (1 ms), back-off 5, resent (acked at 7 ms); then one new transaction every 20 ms:
    // 20, 40, 60, 80
    assertThat(node.sent).containsExactly("10:0", "10:0", "11:1", "12:2", "13:3", "14:4");
    assertThat(clock.sleeps).startsWith(5 * MS, 13 * MS, 19 * MS, 19 * MS);
  }

  @Test
  void sendersShareTheRateAndSpreadOverTheInterval() {
    assertThat(SenderLane.Pacing.share(0, 3, 4)).isEqualTo(SenderLane.Pacing.NONE);
    // 100 tx/s over 4 senders: each sends every 40 ms, starting 0, 10, 20, 30 ms in
    assertThat(SenderLane.Pacing.share(100, 0, 4)).isEqualTo(new SenderLane.Pacing(40 * MS, 0));
    assertThat(SenderLane.Pacing.share(100, 3, 4))
        .isEqualTo(new SenderLane.Pacing(40 * MS, 30 * MS));
    node.includeImmediately = true;
    SenderLane lane = lane(100, SenderLane.Pacing.share(100, 3, 4), 200, () -> 0);
    lane.run();
    assertThat(node.sent).hasSize(5); // at 30, 70, 110, 150, 190 ms
    assertThat(clock.sleeps.get(0)).isEqualTo(30 * MS);
  }

  @Test
  void givesUpAfterRepeatedRefusals() {
    for (int i = 0; i < 10; i++) node.script.add(rpcError("invalid chain id for signer"));
    SenderLane lane = lane(2, 10_000);
    lane.run();
    assertThat(node.sent).hasSize(SenderLane.MAX_CONSECUTIVE_REJECTIONS);
    assertThat(lane.stats().failure()).contains("gave up").contains("invalid chain id");
    assertThat(clock.now).isLessThan(10_000 * MS);
    assertThat(tracker.acknowledgedCount()).isZero();
  }

  @Test
  void aBatchCarriesConsecutiveNoncesUpToTheWindow() {
    SenderLane lane = lane(6, 4, SenderLane.Pacing.NONE, 1_000, () -> resyncNonce);
    lane.run();
    assertThat(node.requests)
        .containsExactly(List.of("10:0", "11:1", "12:2", "13:3"), List.of("14:4", "15:5"));
    assertThat(tracker.acknowledgedCount()).isEqualTo(6);
    assertThat(lane.stats().requests()).isEqualTo(2);
  }

  @Test
  void aBusyEntryIsResentWithTheSameBytesAheadOfNewOnes() {
    node.includeImmediately = true;
    node.script.addAll(
        Arrays.asList(null, rpcError("too many transactions from this sender: 256 waiting"), null));
    SenderLane lane = lane(100, 3, SenderLane.Pacing.NONE, 1_000, () -> resyncNonce);
    lane.run();
    assertThat(node.requests.get(0)).containsExactly("10:0", "11:1", "12:2");
    assertThat(node.requests.get(1)).containsExactly("11:1", "13:3", "14:4");
    assertThat(clock.sleeps).containsExactly(5 * MS); // one back-off for the busy answer
    assertThat(lane.stats().retries()).isEqualTo(1);
    assertThat(tracker.tally(0, Long.MAX_VALUE).lost()).isZero();
    assertThat(tracker.tally(0, Long.MAX_VALUE).included()).isEqualTo(node.sent.size() - 1);
  }

  @Test
  void aRefusedEntryInABatchHandsItsNonceToANewTransaction() {
    node.script.addAll(Arrays.asList(null, rpcError("max fee per gas less than block base fee")));
    SenderLane lane = lane(5, 3, SenderLane.Pacing.NONE, 1_000, () -> resyncNonce);
    lane.run();
    assertThat(node.requests.get(0)).containsExactly("10:0", "11:1", "12:2");
    // nonce 11 is free again: a new transaction (seq 3) takes it, ahead of 13
    assertThat(node.requests.get(1)).containsExactly("11:3", "13:4", "14:5");
    assertThat(lane.stats().rejected()).isEqualTo(1);
    // every nonce 10..14 was acknowledged exactly once: no gap
    assertThat(tracker.acknowledgedCount()).isEqualTo(5);
    assertThat(lane.stats().nextNonce()).isEqualTo(15);
  }

  @Test
  void aGapBelowAnAcknowledgedNonceIsClosedAfterTheDeadline() {
    node.script.add(new RpcTransportException("eth_sendRawTransaction", "connection reset", null));
    node.script.add(null);
    node.script.add(new RpcTransportException("eth_sendRawTransaction", "connection reset", null));
    SenderLane lane = lane(100, 2, SenderLane.Pacing.NONE, 1, () -> resyncNonce);
    lane.run();
    // 10 failed, 11 went through; past the deadline 10 is still resent (11 could never land
    // without it), nothing new is started
    assertThat(node.sent).containsExactly("10:0", "11:1", "10:0", "10:0");
    assertThat(tracker.acknowledgedCount()).isEqualTo(2);
  }

  @Test
  void aFailureOfTheWholeRequestResendsAllOfItInOrder() {
    RpcTransportException reset =
        new RpcTransportException("eth_sendRawTransaction", "connection reset", null);
    node.script.addAll(Arrays.asList(reset, reset, reset));
    SenderLane lane = lane(3, 3, SenderLane.Pacing.NONE, 1_000, () -> resyncNonce);
    lane.run();
    assertThat(node.requests)
        .containsExactly(List.of("10:0", "11:1", "12:2"), List.of("10:0", "11:1", "12:2"));
    assertThat(lane.stats().retries()).isEqualTo(3);
    assertThat(tracker.acknowledgedCount()).isEqualTo(3);
  }
}
