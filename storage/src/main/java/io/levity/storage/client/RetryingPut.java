package io.levity.storage.client;

import io.levity.core.time.Scheduler;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Puts one shard with the client's retry rule, holding no thread between attempts: a busy node
 * (503) is asked again after {@link #BACKOFF_MILLIS} times the attempt number, up to {@link
 * #MAX_ATTEMPTS} attempts; an unreachable node once more at once (a pooled connection the node
 * closed while idle fails once, a fresh connection tells whether it is really down); any other
 * failure is final. Attempts run on the client's pool, the waits are timers of its {@link
 * Scheduler}.
 */
final class RetryingPut {
  static final int MAX_ATTEMPTS = 5;
  static final long BACKOFF_MILLIS = 200;

  /** One attempt at the put; throws what the transport throws. */
  @FunctionalInterface
  interface Attempt {
    void run() throws IOException;
  }

  private final Scheduler scheduler;
  private final Executor pool;

  RetryingPut(Scheduler scheduler, Executor pool) {
    this.scheduler = scheduler;
    this.pool = pool;
  }

  /**
   * How long to wait after attempt {@code attempt} failed with {@code e} before the next one, or -1
   * to give up.
   */
  static long retryDelayMillis(int attempt, NodeRequestException e) {
    if (e.status() == 503 && attempt < MAX_ATTEMPTS) return BACKOFF_MILLIS * attempt;
    if (e.unreachable() && attempt == 1) return 0;
    return -1;
  }

  /**
   * Starts putting to {@code endpoint}; completes with null once the node stored the shard or
   * already held it, else with why not ({@code endpoint: reason}). An unexpected exception
   * completes it exceptionally.
   */
  CompletableFuture<String> put(String endpoint, Attempt attempt) {
    CompletableFuture<String> result = new CompletableFuture<>();
    submit(endpoint, attempt, 1, result);
    return result;
  }

  private void submit(String endpoint, Attempt a, int n, CompletableFuture<String> result) {
    try {
      pool.execute(() -> run(endpoint, a, n, result));
    } catch (RejectedExecutionException e) {
      result.complete(endpoint + ": the client was closed");
    }
  }

  private void run(String endpoint, Attempt a, int n, CompletableFuture<String> result) {
    try {
      a.run();
      result.complete(null);
    } catch (NodeRequestException e) {
      long delay = retryDelayMillis(n, e);
      if (delay == 0) run(endpoint, a, n + 1, result);
      else if (delay > 0) scheduler.schedule(delay, () -> submit(endpoint, a, n + 1, result));
      else
        result.complete(
            endpoint + ": " + (e.unreachable() ? "unreachable" : e.code() + " " + e.getMessage()));
    } catch (IOException e) {
      result.complete(endpoint + ": " + e.getMessage());
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }
}
