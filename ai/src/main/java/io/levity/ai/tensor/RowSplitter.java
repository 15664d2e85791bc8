package io.levity.ai.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a loop over output rows on a fixed number of threads. Each thread gets one contiguous range
 * of rows and every row is computed by exactly one thread with the same code, so the thread count
 * decides who computes a row, never what it computes: results are the same bits for any count.
 */
final class RowSplitter implements AutoCloseable {
  /** The body of a split loop: computes rows [from, to). */
  interface RowRange {
    void run(int from, int to);
  }

  private final int threads;
  private final ExecutorService pool;

  RowSplitter(int threads) {
    if (threads < 1)
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    this.threads = threads;
    this.pool =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads - 1,
                r -> {
                  Thread t = new Thread(r, "levity-ai-kernel");
                  t.setDaemon(true);
                  return t;
                });
  }

  int threads() {
    return threads;
  }

  /** Runs body over [0, rows): the calling thread takes the first range, the pool the others. */
  void split(int rows, RowRange body) {
    int parts = Math.min(threads, rows);
    if (parts <= 1) {
      body.run(0, rows);
      return;
    }
    List<Future<?>> pending = new ArrayList<>(parts - 1);
    for (int p = 1; p < parts; p++) {
      int from = (int) ((long) rows * p / parts);
      int to = (int) ((long) rows * (p + 1) / parts);
      pending.add(pool.submit(() -> body.run(from, to)));
    }
    body.run(0, (int) ((long) rows / parts));
    for (Future<?> f : pending) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for kernel threads", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("a kernel thread failed", e.getCause());
      }
    }
  }

  @Override
  public void close() {
    if (pool != null) pool.shutdownNow();
  }
}
