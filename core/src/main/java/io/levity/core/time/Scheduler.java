package io.levity.core.time;

/**
 * Runs tasks one at a time, now or after a delay, and tells the time those delays are measured in.
 * A component that owns a timer or a loop takes one of these instead of an executor or a clock, so
 * tests drive it with a deterministic scheduler (virtual time, tasks run in a fixed order) and
 * never sleep.
 *
 * <p>Contract: tasks never run concurrently with each other; a task scheduled for an earlier time
 * runs before one for a later time, and tasks due at the same time run in the order they were
 * submitted. A task that throws is logged by the scheduler and does not stop later tasks.
 */
public interface Scheduler {
  /** The clock delays are measured against. */
  TimeSource time();

  /** Runs {@code task} as soon as possible, after the tasks already due. */
  void execute(Runnable task);

  /** Runs {@code task} once, {@code delayMillis} from now (0 or less: as soon as possible). */
  Cancellable schedule(long delayMillis, Runnable task);

  /**
   * Runs {@code task} every {@code periodMillis}, the first time one period from now; each run is
   * scheduled when the previous one ends (fixed delay), so a slow run never piles up.
   */
  default Cancellable scheduleRepeating(long periodMillis, Runnable task) {
    if (periodMillis <= 0) throw new IllegalArgumentException("period must be positive");
    Repeating r = new Repeating(this, periodMillis, task);
    r.arm();
    return r;
  }

  /** A scheduled task that can still be called off. */
  @FunctionalInterface
  interface Cancellable {
    /** Makes sure the task does not run (again); harmless if it already ran or was cancelled. */
    void cancel();
  }

  /** The self-rescheduling task behind {@link #scheduleRepeating}. */
  final class Repeating implements Cancellable {
    private final Scheduler scheduler;
    private final long periodMillis;
    private final Runnable task;
    private volatile boolean cancelled;
    private volatile Cancellable next;

    private Repeating(Scheduler scheduler, long periodMillis, Runnable task) {
      this.scheduler = scheduler;
      this.periodMillis = periodMillis;
      this.task = task;
    }

    private void arm() {
      if (!cancelled) next = scheduler.schedule(periodMillis, this::runOnce);
    }

    private void runOnce() {
      if (cancelled) return;
      try {
        task.run();
      } finally {
        arm();
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
      Cancellable n = next;
      if (n != null) n.cancel();
    }
  }
}
