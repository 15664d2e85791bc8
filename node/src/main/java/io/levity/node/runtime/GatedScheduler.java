package io.levity.node.runtime;

import io.levity.core.time.Scheduler;
import io.levity.core.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's consensus thread: a {@link Scheduler} whose tasks do nothing once the node has closed
 * or halted ({@link #shut}), and whose failing tasks are logged as a failed consensus step without
 * stopping later ones.
 */
final class GatedScheduler implements Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(GatedScheduler.class);

  private final Scheduler inner;
  private final String name;
  private volatile boolean open = true;

  GatedScheduler(Scheduler inner, String name) {
    this.inner = inner;
    this.name = name;
  }

  @Override
  public TimeSource time() {
    return inner.time();
  }

  @Override
  public void execute(Runnable task) {
    if (open) inner.execute(guarded(task));
  }

  @Override
  public Cancellable schedule(long delayMillis, Runnable task) {
    return open ? inner.schedule(delayMillis, guarded(task)) : () -> {};
  }

  /** From now on, tasks (queued or new) do nothing. */
  void shut() {
    open = false;
  }

  private Runnable guarded(Runnable task) {
    return () -> {
      if (!open) return;
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("{}: consensus step failed", name, e);
      }
    };
  }
}
