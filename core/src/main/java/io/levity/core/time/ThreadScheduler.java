package io.levity.core.time;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Scheduler}: one daemon thread and the machine's clocks. Tasks submitted
 * after {@link #close()} are dropped (a component shutting down may still fire a last timer).
 */
public final class ThreadScheduler implements Scheduler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadScheduler.class);

  private final ScheduledThreadPoolExecutor executor;
  private final TimeSource time;
  private volatile Thread thread;

  /** A scheduler whose thread is called {@code threadName}. */
  public ThreadScheduler(String threadName) {
    this(threadName, TimeSource.system());
  }

  ThreadScheduler(String threadName, TimeSource time) {
    this.time = time;
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              thread = t;
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public TimeSource time() {
    return time;
  }

  @Override
  public void execute(Runnable task) {
    try {
      executor.execute(() -> runLogged(task));
    } catch (RejectedExecutionException e) {
      LOG.debug("task dropped: scheduler closed");
    }
  }

  @Override
  public Cancellable schedule(long delayMillis, Runnable task) {
    try {
      ScheduledFuture<?> f =
          executor.schedule(() -> runLogged(task), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException e) {
      LOG.debug("timer dropped: scheduler closed");
      return () -> {};
    }
  }

  /** True when the caller runs on this scheduler's thread. */
  public boolean onSchedulerThread() {
    return Thread.currentThread() == thread;
  }

  private static void runLogged(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("scheduled task failed", e);
    } catch (Error e) {
      LOG.error("scheduled task failed", e);
      throw e;
    }
  }

  /** Stops the thread: running tasks finish (waiting up to 5 s), queued ones are dropped. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("scheduler thread did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
