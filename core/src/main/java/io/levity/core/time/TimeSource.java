package io.levity.core.time;

/**
 * Where a component reads time: a monotonic clock for intervals and timeouts, and the wall clock
 * for timestamps that leave the node. Injected (never {@code System.nanoTime()} directly) so that a
 * test or a seeded replay controls every reading.
 */
public interface TimeSource {
  /** Monotonic nanoseconds; only differences mean anything. */
  long nanoTime();

  /** Milliseconds since the Unix epoch. */
  long epochMillis();

  /** The machine's clocks. */
  static TimeSource system() {
    return SystemTimeSource.INSTANCE;
  }
}
