package io.levity.compute.client;

import io.levity.core.time.TimeSource;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts the thread reading a stream once the stream has been silent longer than a limit: the
 * HTTP client's timeout covers only the response head, so a provider that stops mid-stream would
 * otherwise hold the reader (and the client's per-provider lock) for good. Created and closed on
 * the reading thread; closing clears an interrupt it caused.
 */
final class StallGuard implements AutoCloseable {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("levity-stream-stall").daemon().factory());

  private final Thread reader = Thread.currentThread();
  private final TimeSource time;
  private final long limitNanos;
  private final ScheduledFuture<?> task;
  private volatile long last;
  private boolean fired;
  private boolean closed;

  StallGuard(Duration limit, TimeSource time) {
    this.time = time;
    this.limitNanos = limit.toNanos();
    this.last = time.nanoTime();
    long period = Math.max(10, limit.toMillis() / 4);
    this.task = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  /** The stream delivered something. */
  void progress() {
    last = time.nanoTime();
  }

  /** Whether it interrupted the reader. */
  synchronized boolean fired() {
    return fired;
  }

  private synchronized void check() {
    if (closed || fired || time.nanoTime() - last <= limitNanos) return;
    fired = true;
    reader.interrupt();
  }

  @Override
  public synchronized void close() {
    closed = true;
    task.cancel(false);
    if (fired) {
      boolean unused = Thread.interrupted();
    }
  }
}
