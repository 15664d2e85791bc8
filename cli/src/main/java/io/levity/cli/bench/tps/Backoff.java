package io.levity.cli.bench.tps;

import java.time.Duration;

/**
 * Exponential back-off for a sender the node asked to slow down: the first delay is {@code
 * initial}, each further one doubles up to {@code max}; {@link #reset} after a success starts over.
 * Deterministic (no jitter): senders already start at different moments, and a benchmark should
 * repeat.
 */
final class Backoff {
  private final long initialNanos;
  private final long maxNanos;
  private long nextNanos;

  Backoff(Duration initial, Duration max) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "back-off needs 0 < initial <= max, got " + initial + " and " + max);
    }
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.nextNanos = initialNanos;
  }

  /** The delay to wait now; the one after it is twice as long (capped). */
  long nextDelayNanos() {
    long d = nextNanos;
    nextNanos = Math.min(maxNanos, nextNanos * 2);
    return d;
  }

  void reset() {
    nextNanos = initialNanos;
  }
}
