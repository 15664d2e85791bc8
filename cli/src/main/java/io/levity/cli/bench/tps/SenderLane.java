package io.levity.cli.bench.tps;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.sdk.rpc.EthRpcException;
import io.levity.sdk.tx.SignedTx;
import java.util.Objects;

/**
 * One sender's submission loop. Nonces are explicit and consecutive, starting at the nonce fetched
 * once before the run; the next transaction goes out as soon as the previous one is acknowledged,
 * as long as fewer than {@code window} of this sender's transactions are waiting for a block. When
 * the node says it is busy or at a limit the same bytes (same nonce) are sent again after a
 * back-off, so no nonce gap ever opens. Stops submitting at the deadline; a transaction still being
 * retried then is given up (it may still land, and is counted if so).
 */
final class SenderLane implements Runnable {
  /** Sends raw transaction bytes; returns the hash the node reports. */
  @FunctionalInterface
  interface Submitter {
    Bytes32 submit(Bytes raw);
  }

  /** The next nonce of this sender as the node sees it now (its "pending" transaction count). */
  @FunctionalInterface
  interface NonceSource {
    long nonce();
  }

  /**
   * Builds and signs the sender's transaction with this nonce; {@code seq} differs on every call.
   */
  @FunctionalInterface
  interface TxMaker {
    SignedTx make(long nonce, long seq);
  }

  /** Time for the loop, so tests can run it on a fake clock. */
  interface Clock {
    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;

    Clock SYSTEM =
        new Clock() {
          @Override
          public long nanoTime() {
            return System.nanoTime();
          }

          @Override
          public void sleepNanos(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
          }
        };
  }

  /**
   * A fixed offered load: a new transaction starts every {@code intervalNanos}, the first {@code
   * phaseNanos} after the lane starts (so senders spread over the interval instead of all sending
   * at once).
   */
  record Pacing(long intervalNanos, long phaseNanos) {
    /** As fast as the node acknowledges. */
    static final Pacing NONE = new Pacing(0, 0);

    Pacing {
      if (intervalNanos < 0 || phaseNanos < 0)
        throw new IllegalArgumentException("pacing must be >= 0");
    }

    /** Sender {@code index} of {@code senders} sharing {@code txPerSecond} (0: no pacing). */
    static Pacing share(double txPerSecond, int index, int senders) {
      if (txPerSecond <= 0) return NONE;
      long interval = Math.round(senders * 1e9 / txPerSecond);
      return new Pacing(interval, interval * index / senders);
    }
  }

  /** A sender that has been refused this many times in a row without any success gives up. */
  static final int MAX_CONSECUTIVE_REJECTIONS = 5;

  /** How long a sender whose window is full waits before looking again. */
  static final long WINDOW_WAIT_NANOS = 2_000_000;

  private final int index;
  private final int window;
  private final TxTracker tracker;
  private final Submitter submitter;
  private final NonceSource nonceSource;
  private final TxMaker maker;
  private final Clock clock;
  private final Backoff backoff;
  private final long deadlineNanos;
  private final Pacing pacing;
  private long nextSendNanos;

  private long nonce;
  private long seq;
  private long retries;
  private long rejected;
  private long resyncs;
  private long hashMismatches;
  private volatile String lastRejection;
  private volatile String failure;

  /**
   * A lane for sender {@code index}, starting at {@code startNonce}; with {@code pacing} other than
   * {@link Pacing#NONE}, new transactions keep to a schedule (resends do not).
   */
  SenderLane(
      int index,
      long startNonce,
      int window,
      Pacing pacing,
      long deadlineNanos,
      TxTracker tracker,
      Submitter submitter,
      NonceSource nonceSource,
      TxMaker maker,
      Backoff backoff,
      Clock clock) {
    if (window < 1) throw new IllegalArgumentException("window must be at least 1, got " + window);
    this.pacing = Objects.requireNonNull(pacing);
    this.index = index;
    this.nonce = startNonce;
    this.window = window;
    this.deadlineNanos = deadlineNanos;
    this.tracker = Objects.requireNonNull(tracker);
    this.submitter = Objects.requireNonNull(submitter);
    this.nonceSource = Objects.requireNonNull(nonceSource);
    this.maker = Objects.requireNonNull(maker);
    this.backoff = Objects.requireNonNull(backoff);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public void run() {
    try {
      loop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = "sender " + index + " stopped: " + e.getMessage();
    }
  }

  private void loop() throws InterruptedException {
    nextSendNanos = clock.nanoTime() + pacing.phaseNanos();
    long interval = pacing.intervalNanos();
    SignedTx current = null;
    int attempts = 0;
    int consecutiveRejections = 0;
    while (clock.nanoTime() < deadlineNanos) {
      if (current == null) {
        if (nonce - tracker.includedNext(index) >= window) {
          clock.sleepNanos(WINDOW_WAIT_NANOS);
          continue;
        }
        if (interval > 0) {
          long wait = nextSendNanos - clock.nanoTime();
          if (wait > 0) {
            clock.sleepNanos(Math.min(wait, Math.max(1, deadlineNanos - clock.nanoTime())));
            continue;
          }
          // on schedule, not after the previous send: a late start is caught up, at most one
          // interval's worth
          nextSendNanos = Math.max(nextSendNanos + interval, clock.nanoTime() - interval);
        }
        current = maker.make(nonce, seq++);
        attempts = 0;
        tracker.sent(current.hash(), index, nonce, clock.nanoTime());
      }
      attempts++;
      SubmitVerdict verdict;
      Bytes32 reply = null;
      EthRpcException error = null;
      try {
        reply = submitter.submit(current.raw());
        verdict = null;
      } catch (EthRpcException e) {
        error = e;
        verdict = SubmitVerdict.of(e);
      }
      if (verdict == null
          || verdict == SubmitVerdict.ALREADY_KNOWN
          || (verdict == SubmitVerdict.NONCE_TOO_LOW && attempts > 1)) {
        // Accepted; or a resend of bytes the node already took (they hold the nonce, so "nonce too
        // low" on a resend means the first attempt got through; if not, the tracker reports it as
        // lost).
        if (reply != null && !reply.equals(current.hash())) hashMismatches++;
        tracker.acknowledged(current.hash(), clock.nanoTime());
        nonce++;
        current = null;
        consecutiveRejections = 0;
        backoff.reset();
        continue;
      }
      switch (verdict) {
        case RETRY -> {
          retries++;
          clock.sleepNanos(backoff.nextDelayNanos());
        }
        case NONCE_TOO_LOW -> {
          // Someone else used this nonce: take the node's view and build a new transaction for it.
          resyncs++;
          tracker.abandoned(current.hash());
          current = null;
          nonce = Math.max(nonce + 1, nonceSource.nonce());
        }
        default -> {
          rejected++;
          lastRejection = error.getMessage();
          tracker.abandoned(current.hash());
          current = null; // the nonce stays free: the next transaction takes it, so no gap opens
          if (++consecutiveRejections >= MAX_CONSECUTIVE_REJECTIONS) {
            failure =
                "sender "
                    + index
                    + " gave up after "
                    + consecutiveRejections
                    + " refusals in a row; last: "
                    + lastRejection;
            return;
          }
          clock.sleepNanos(backoff.nextDelayNanos());
        }
      }
    }
  }

  /**
   * What the lane did so far.
   *
   * @param nextNonce the nonce the next new transaction would take
   * @param retries resends after a busy or failed submission
   * @param rejected transactions the node refused
   * @param resyncs times the node's nonce was taken after "nonce too low"
   * @param hashMismatches acknowledgements naming another hash than the one signed
   * @param lastRejection the last refusal's message, or null
   * @param failure why the lane stopped before its deadline, or null
   */
  record Stats(
      long nextNonce,
      long retries,
      long rejected,
      long resyncs,
      long hashMismatches,
      String lastRejection,
      String failure) {}

  Stats stats() {
    return new Stats(nonce, retries, rejected, resyncs, hashMismatches, lastRejection, failure);
  }
}
