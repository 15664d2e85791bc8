package io.levity.cli.bench.tps;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.sdk.rpc.EthRpcException;
import io.levity.sdk.tx.SignedTx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One sender's submission loop. Nonces are explicit and consecutive, starting at the nonce fetched
 * once before the run; new transactions go out as soon as earlier ones are acknowledged, up to
 * {@code batch} in one request, as long as fewer than {@code window} of this sender's transactions
 * are waiting for a block. Each transaction of a request gets its own verdict ({@link
 * SubmitVerdict}): when the node says it is busy or at a limit the same bytes (same nonce) are sent
 * again after a back-off, in nonce order with the other unacknowledged ones; a nonce whose
 * transaction was refused for good goes to a new transaction; so no nonce gap ever opens. Stops
 * starting transactions at the deadline; one still being retried then is given up unless a later
 * nonce of this sender was acknowledged (its gap is closed first).
 */
final class SenderLane implements Runnable {
  /** The node's answer to one transaction of a request: the hash it reports, or an error. */
  record Answer(Bytes32 hash, EthRpcException error) {
    static Answer accepted(Bytes32 hash) {
      return new Answer(Objects.requireNonNull(hash), null);
    }

    static Answer failed(EthRpcException error) {
      return new Answer(null, Objects.requireNonNull(error));
    }
  }

  /**
   * Sends raw transactions in one request (a JSON-RPC batch, or a single call for one); returns one
   * answer per transaction, in the same order. A failure of the whole request (no answer, HTTP 5xx)
   * is that failure for each of them.
   */
  @FunctionalInterface
  interface Submitter {
    List<Answer> submit(List<Bytes> raws);
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

  /** The signed transaction to send next for a nonce ({@link TxBuffer}: pre-signed if it can). */
  @FunctionalInterface
  interface TxSource {
    SignedTx next(long nonce);
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

  /**
   * How long after the deadline a lane keeps resending to close a gap below acknowledged nonces.
   */
  static final long GAP_GRACE_NANOS = 10_000_000_000L;

  /** A transaction sent but not yet acknowledged. */
  private static final class Pending {
    final SignedTx tx;
    final long nonce;
    int attempts;

    Pending(SignedTx tx, long nonce) {
      this.tx = tx;
      this.nonce = nonce;
    }
  }

  private final int index;
  private final int window;
  private final int batch;
  private final TxTracker tracker;
  private final Submitter submitter;
  private final NonceSource nonceSource;
  private final TxSource source;
  private final Clock clock;
  private final Backoff backoff;
  private final long deadlineNanos;
  private final Pacing pacing;
  private long nextSendNanos;

  /** Unacknowledged transactions in nonce order: each request sends them all. */
  private final List<Pending> outstanding = new ArrayList<>();

  /** Nonces whose transaction was refused for good: the next new transactions take them. */
  private final TreeSet<Long> freeNonces = new TreeSet<>();

  private long nonce;
  private long highestAcknowledged = -1;
  private int consecutiveRejections;
  private long retries;
  private long rejected;
  private long resyncs;
  private long hashMismatches;
  private long requests;
  private volatile String lastRejection;
  private volatile String failure;

  /**
   * A lane for sender {@code index}, starting at {@code startNonce}, sending up to {@code batch}
   * transactions per request; with {@code pacing} other than {@link Pacing#NONE}, new transactions
   * keep to a schedule (resends do not).
   */
  SenderLane(
      int index,
      long startNonce,
      int window,
      int batch,
      Pacing pacing,
      long deadlineNanos,
      TxTracker tracker,
      Submitter submitter,
      NonceSource nonceSource,
      TxSource source,
      Backoff backoff,
      Clock clock) {
    if (window < 1) throw new IllegalArgumentException("window must be at least 1, got " + window);
    if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, got " + batch);
    this.pacing = Objects.requireNonNull(pacing);
    this.index = index;
    this.nonce = startNonce;
    this.window = window;
    this.batch = batch;
    this.deadlineNanos = deadlineNanos;
    this.tracker = Objects.requireNonNull(tracker);
    this.submitter = Objects.requireNonNull(submitter);
    this.nonceSource = Objects.requireNonNull(nonceSource);
    this.source = Objects.requireNonNull(source);
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
    while (true) {
      boolean open = clock.nanoTime() < deadlineNanos;
      if (!open) {
        // Past the deadline only gaps below an acknowledged nonce are closed (for at most
        // GAP_GRACE_NANOS): without them the acknowledged transactions above could never be
        // included. Anything else still being retried is given up (it may still land, and is
        // counted if so).
        boolean late = clock.nanoTime() >= deadlineNanos + GAP_GRACE_NANOS;
        outstanding.removeIf(p -> late || p.nonce > highestAcknowledged);
        if (late) freeNonces.clear();
        else freeNonces.tailSet(highestAcknowledged, false).clear();
        if (outstanding.isEmpty() && freeNonces.isEmpty()) return;
      }
      long wait = fill(open);
      if (outstanding.isEmpty()) {
        clock.sleepNanos(wait);
        continue;
      }
      if (!send()) return;
    }
  }

  /**
   * Starts new transactions while the request has room, the window is open and the schedule allows
   * (after the deadline: only free nonces below an acknowledged one). Returns how long to wait if
   * nothing could start.
   */
  private long fill(boolean open) {
    long interval = pacing.intervalNanos();
    while (outstanding.size() < batch) {
      boolean reuse = !freeNonces.isEmpty();
      long n = reuse ? freeNonces.first() : nonce;
      if (!open && !reuse) return WINDOW_WAIT_NANOS;
      if (n - tracker.includedNext(index) >= window) return WINDOW_WAIT_NANOS;
      if (interval > 0 && open) {
        long now = clock.nanoTime();
        long wait = nextSendNanos - now;
        if (wait > 0) return Math.min(wait, Math.max(1, deadlineNanos - now));
        // on schedule, not after the previous send: a late start is caught up, at most one
        // interval's worth
        nextSendNanos = Math.max(nextSendNanos + interval, now - interval);
      }
      if (reuse) freeNonces.pollFirst();
      else nonce++;
      SignedTx tx = source.next(n);
      tracker.sent(tx.hash(), index, n, clock.nanoTime());
      int at = outstanding.size();
      while (at > 0 && outstanding.get(at - 1).nonce > n) at--;
      outstanding.add(at, new Pending(tx, n));
    }
    return 0;
  }

  /** Sends every outstanding transaction in one request and applies the answers; false: stop. */
  private boolean send() throws InterruptedException {
    List<Bytes> raws = new ArrayList<>(outstanding.size());
    for (Pending p : outstanding) raws.add(p.tx.raw());
    requests++;
    List<Answer> answers = submitter.submit(raws);
    if (answers.size() != raws.size()) {
      throw new IllegalStateException(
          answers.size() + " answers to a request of " + raws.size() + " transactions");
    }
    boolean anyAccepted = false, anyTrouble = false;
    List<Pending> sent = List.copyOf(outstanding);
    for (int i = 0; i < sent.size(); i++) {
      Pending p = sent.get(i);
      Answer a = answers.get(i);
      p.attempts++;
      SubmitVerdict verdict = a.error() == null ? null : SubmitVerdict.of(a.error());
      if (verdict == null
          || verdict == SubmitVerdict.ALREADY_KNOWN
          || (verdict == SubmitVerdict.NONCE_TOO_LOW && p.attempts > 1)) {
        // Accepted; or a resend of bytes the node already took (they hold the nonce, so "nonce too
        // low" on a resend means the first attempt got through; if not, the tracker reports it as
        // lost).
        if (a.hash() != null && !a.hash().equals(p.tx.hash())) hashMismatches++;
        tracker.acknowledged(p.tx.hash(), clock.nanoTime());
        highestAcknowledged = Math.max(highestAcknowledged, p.nonce);
        outstanding.remove(p);
        consecutiveRejections = 0;
        anyAccepted = true;
        continue;
      }
      switch (verdict) {
        case RETRY -> {
          retries++;
          anyTrouble = true;
        }
        case NONCE_TOO_LOW -> {
          // Someone else used this nonce: take the node's view; later nonces get new transactions.
          resyncs++;
          abandon(p);
          outstanding.remove(p);
          nonce = Math.max(nonce, Math.max(p.nonce + 1, nonceSource.nonce()));
        }
        default -> {
          rejected++;
          lastRejection = a.error().getMessage();
          abandon(p);
          outstanding.remove(p);
          freeNonces.add(p.nonce); // the next new transaction takes it, so no gap opens
          anyTrouble = true;
          if (++consecutiveRejections >= MAX_CONSECUTIVE_REJECTIONS) {
            failure =
                "sender "
                    + index
                    + " gave up after "
                    + consecutiveRejections
                    + " refusals in a row; last: "
                    + lastRejection;
            return false;
          }
        }
      }
    }
    if (anyAccepted) backoff.reset();
    if (anyTrouble) clock.sleepNanos(backoff.nextDelayNanos());
    return true;
  }

  private void abandon(Pending p) {
    tracker.abandoned(p.tx.hash());
  }

  /**
   * What the lane did so far.
   *
   * @param nextNonce the nonce the next new transaction would take
   * @param retries resends after a busy or failed submission
   * @param rejected transactions the node refused
   * @param resyncs times the node's nonce was taken after "nonce too low"
   * @param hashMismatches acknowledgements naming another hash than the one signed
   * @param requests requests sent (each with up to --batch transactions)
   * @param lastRejection the last refusal's message, or null
   * @param failure why the lane stopped before its deadline, or null
   */
  record Stats(
      long nextNonce,
      long retries,
      long rejected,
      long resyncs,
      long hashMismatches,
      long requests,
      String lastRejection,
      String failure) {}

  Stats stats() {
    return new Stats(
        nonce, retries, rejected, resyncs, hashMismatches, requests, lastRejection, failure);
  }
}
