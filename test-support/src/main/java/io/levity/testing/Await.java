package io.levity.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting, in socket- and process-level tests ({@code *IT}), for a condition that other threads or
 * processes make true, with a deadline; unit tests use {@link ManualScheduler} instead.
 */
public final class Await {
  /** How long {@link #until(String, BooleanSupplier)} waits. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final long POLL_MILLIS = 10;

  private Await() {}

  /** Waits up to {@link #DEFAULT_TIMEOUT} for {@code condition}; fails naming {@code what}. */
  public static void until(String what, BooleanSupplier condition) throws InterruptedException {
    until(DEFAULT_TIMEOUT, what, condition);
  }

  /** Waits up to {@code timeout} for {@code condition}; fails naming {@code what}. */
  public static void until(Duration timeout, String what, BooleanSupplier condition)
      throws InterruptedException {
    until(timeout, condition, () -> what);
  }

  /**
   * Waits up to {@code timeout} for {@code condition}; on failure the message names {@code what}, a
   * description made only then (for example with the state the test saw last).
   */
  public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "timed out after " + timeout.toMillis() + " ms waiting for " + what.get());
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
