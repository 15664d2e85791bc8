package io.levity.sdk.tx;

import io.levity.core.bytes.Bytes32;
import io.levity.core.time.TimeSource;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.TxReceipt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Waits for receipts: polls the node, first after {@code firstPoll}, then at intervals growing by
 * half up to {@code maxPoll}, until a deadline {@code timeout} after the call. Time and sleeping
 * come in through a {@link TimeSource} and a {@link Sleeper}, so tests wait in virtual time.
 */
public final class ReceiptWaiter {
  /** Blocks the calling thread; {@link #SYSTEM} sleeps for real. */
  @FunctionalInterface
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;

    Sleeper SYSTEM = nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
  }

  /** Receipts asked for per batch request. */
  static final int BATCH = 100;

  private final EthRpc rpc;
  private final Duration timeout;
  private final long firstPollNanos;
  private final long maxPollNanos;
  private final TimeSource time;
  private final Sleeper sleeper;

  public ReceiptWaiter(
      EthRpc rpc,
      Duration timeout,
      Duration firstPoll,
      Duration maxPoll,
      TimeSource time,
      Sleeper sleeper) {
    this.rpc = Objects.requireNonNull(rpc, "rpc");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.firstPollNanos = firstPoll.toNanos();
    this.maxPollNanos = maxPoll.toNanos();
    if (firstPollNanos <= 0 || maxPollNanos < firstPollNanos)
      throw new IllegalArgumentException("need 0 < firstPoll <= maxPoll");
    this.time = Objects.requireNonNull(time, "time");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** Real time: polls from {@code poll} up to four times that, for at most {@code timeout}. */
  public static ReceiptWaiter of(EthRpc rpc, Duration timeout, Duration poll) {
    return new ReceiptWaiter(
        rpc, timeout, poll, poll.multipliedBy(4), TimeSource.system(), Sleeper.SYSTEM);
  }

  public Duration timeout() {
    return timeout;
  }

  /**
   * The receipt of {@code hash}.
   *
   * @throws ReceiptWaitException when none arrives before the deadline (or the thread is
   *     interrupted); the transaction may still be mined later
   */
  public TxReceipt await(Bytes32 hash) {
    return awaitAll(List.of(hash)).get(hash);
  }

  /** The receipts of all {@code hashes} (asked in batches), keyed and ordered like them. */
  public Map<Bytes32, TxReceipt> awaitAll(Collection<Bytes32> hashes) {
    Map<Bytes32, TxReceipt> found = new LinkedHashMap<>();
    List<Bytes32> missing = new ArrayList<>(new LinkedHashSet<>(hashes));
    long deadline = time.nanoTime() + timeout.toNanos();
    long pause = firstPollNanos;
    while (true) {
      missing = poll(missing, found);
      if (missing.isEmpty()) break;
      long left = deadline - time.nanoTime();
      if (left <= 0) throw new ReceiptWaitException(missing, timeout, false);
      try {
        sleeper.sleepNanos(Math.min(pause, left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ReceiptWaitException(missing, timeout, true);
      }
      pause = Math.min(maxPollNanos, pause + pause / 2);
    }
    Map<Bytes32, TxReceipt> ordered = new LinkedHashMap<>();
    for (Bytes32 h : hashes) ordered.put(h, found.get(h));
    return ordered;
  }

  private List<Bytes32> poll(List<Bytes32> missing, Map<Bytes32, TxReceipt> found) {
    List<Bytes32> still = new ArrayList<>();
    for (int i = 0; i < missing.size(); i += BATCH) {
      List<Bytes32> part = missing.subList(i, Math.min(missing.size(), i + BATCH));
      List<Optional<TxReceipt>> got =
          part.size() == 1
              ? List.of(rpc.getTransactionReceipt(part.get(0)))
              : rpc.getTransactionReceipts(part);
      for (int k = 0; k < part.size(); k++) {
        if (got.get(k).isPresent()) found.put(part.get(k), got.get(k).get());
        else still.add(part.get(k));
      }
    }
    return still;
  }
}
