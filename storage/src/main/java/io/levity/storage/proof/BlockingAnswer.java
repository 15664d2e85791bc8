package io.levity.storage.proof;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The answer of a blocking ask run on an executor; cancelling it interrupts the thread while the
 * ask runs, so a transport stuck on a silent node does not outlive the challenger's timeout.
 */
final class BlockingAnswer extends CompletableFuture<Optional<byte[]>> {
  private volatile Thread asker;

  private BlockingAnswer() {}

  static BlockingAnswer start(Callable<Optional<byte[]>> ask, Executor executor) {
    BlockingAnswer answer = new BlockingAnswer();
    executor.execute(answer.running(ask));
    return answer;
  }

  private Runnable running(Callable<Optional<byte[]>> ask) {
    return () -> {
      asker = Thread.currentThread();
      try {
        if (!isDone()) complete(ask.call());
      } catch (Exception | Error e) {
        completeExceptionally(e);
      } finally {
        asker = null;
      }
    };
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    Thread t = asker;
    if (cancelled && t != null) t.interrupt();
    return cancelled;
  }
}
