package io.levity.node.runtime;

import io.levity.core.time.TimeSource;
import io.levity.node.api.SyncGate;
import java.util.function.LongSupplier;

/**
 * The node's {@link SyncGate}: how far behind it knows it is comes from block sync ({@link
 * SyncRunner#blocksBehind}); a caller waits on it, up to {@code maxWaitMillis}, woken at each
 * stored block ({@link #headMoved}) and re-checking every {@link #SLICE_MILLIS} (a peer announcing
 * a lower head also ends the wait). Callers are RPC threads, never the consensus thread that stores
 * the blocks they wait for.
 */
final class CatchUpWait implements SyncGate {
  static final long SLICE_MILLIS = 50;

  private final LongSupplier behind;
  private final TimeSource time;
  private final long maxWaitMillis;
  private final Object moved = new Object();

  /**
   * How long eth_sendRawTransaction and eth_getTransactionCount(pending) wait for a node that knows
   * it is behind to catch up: two block intervals, at least two seconds (a node one block behind
   * gets the block with the next proposal).
   */
  static long millisFor(ValidatorConfig cfg) {
    return Math.max(2_000, 2 * cfg.blockIntervalMillis());
  }

  CatchUpWait(LongSupplier behind, TimeSource time, long maxWaitMillis) {
    this.behind = behind;
    this.time = time;
    this.maxWaitMillis = maxWaitMillis;
  }

  /** A block was stored: waiters look again. */
  void headMoved() {
    synchronized (moved) {
      moved.notifyAll();
    }
  }

  @Override
  public long awaitCaughtUp() {
    long left = behind.getAsLong();
    if (left == 0 || maxWaitMillis <= 0) return Math.max(0, left);
    long deadline = time.nanoTime() + maxWaitMillis * 1_000_000L;
    synchronized (moved) {
      while ((left = behind.getAsLong()) != 0) {
        long remainingMillis = (deadline - time.nanoTime()) / 1_000_000L;
        if (remainingMillis <= 0) break;
        try {
          moved.wait(Math.min(SLICE_MILLIS, remainingMillis));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return Math.max(0, left);
  }
}
