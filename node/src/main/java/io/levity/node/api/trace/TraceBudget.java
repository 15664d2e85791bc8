package io.levity.node.api.trace;

import io.levity.core.time.TimeSource;

/** Counts a trace's steps and bytes and watches its deadline; shared by a block's traces. */
public final class TraceBudget {
  private final TraceLimits limits;
  private final TimeSource time;
  private final long deadline;
  private final long timeoutMillis;
  private int steps;
  private long bytes;
  private int sinceClock;

  /**
   * @param timeoutMillis the time limit for this trace (already capped)
   */
  public TraceBudget(TraceLimits limits, TimeSource time, long timeoutMillis) {
    this.limits = limits;
    this.time = time;
    this.timeoutMillis = timeoutMillis;
    this.deadline = time.nanoTime() + timeoutMillis * 1_000_000L;
  }

  public TraceLimits limits() {
    return limits;
  }

  /** One EVM step of any tracer: checks the clock every 1024 steps. */
  void tick() {
    if (++sinceClock >= 1024) {
      sinceClock = 0;
      checkTime();
    }
  }

  /** Checks the deadline now. */
  void checkTime() {
    if (time.nanoTime() - deadline > 0) {
      throw new TraceLimitException(
          "execution timeout: the trace took more than " + timeoutMillis + " ms");
    }
  }

  /** One struct log entry of about {@code size} bytes. */
  void step(long size) {
    if (++steps > limits.maxSteps()) {
      throw new TraceLimitException(
          "trace exceeds the limit of " + limits.maxSteps() + " struct log steps");
    }
    bytes(size);
  }

  /** Output of about {@code size} bytes. */
  void bytes(long size) {
    bytes += size;
    if (bytes > limits.maxBytes()) {
      throw new TraceLimitException(
          "trace exceeds the limit of " + limits.maxBytes() + " bytes of output");
    }
  }
}
