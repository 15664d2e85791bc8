package io.levity.testing;

import io.levity.core.time.Scheduler;
import io.levity.core.time.TimeSource;
import java.util.PriorityQueue;

/**
 * A deterministic {@link Scheduler} with virtual time. Nothing runs until the test says so: {@link
 * #runDue()} runs what is due now, {@link #advance} moves the clock forward and runs each task at
 * its time. Tasks run in (due time, submission order), on the caller's thread, so a test that does
 * the same steps sees the same interleaving every time and never sleeps.
 *
 * <p>Not thread-safe on purpose: drive it from the test thread only. A task that throws propagates
 * to the test (a deterministic scheduler should not hide failures).
 */
public final class ManualScheduler implements Scheduler, TimeSource {
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private final long epochMillisAtZero;
  private long nowNanos;
  private long sequence;

  /** Virtual time starts at 0 ns, and the wall clock at 2026-01-01T00:00:00Z. */
  public ManualScheduler() {
    this(1_767_225_600_000L);
  }

  /** Virtual time starts at 0 ns, and the wall clock at {@code epochMillisAtZero}. */
  public ManualScheduler(long epochMillisAtZero) {
    this.epochMillisAtZero = epochMillisAtZero;
  }

  @Override
  public TimeSource time() {
    return this;
  }

  @Override
  public long nanoTime() {
    return nowNanos;
  }

  @Override
  public long epochMillis() {
    return epochMillisAtZero + nowNanos / 1_000_000;
  }

  /** Milliseconds of virtual time since this scheduler was made. */
  public long nowMillis() {
    return nowNanos / 1_000_000;
  }

  @Override
  public void execute(Runnable task) {
    enqueue(nowNanos, task);
  }

  @Override
  public Cancellable schedule(long delayMillis, Runnable task) {
    return enqueue(nowNanos + Math.max(0, delayMillis) * 1_000_000, task);
  }

  private Task enqueue(long dueNanos, Runnable task) {
    Task t = new Task(dueNanos, sequence++, task);
    queue.add(t);
    return t;
  }

  /** Runs every task due at the current time, including ones those tasks submit for now. */
  public int runDue() {
    int ran = 0;
    while (!queue.isEmpty() && queue.peek().dueNanos <= nowNanos) {
      Task t = queue.poll();
      if (!t.cancelled) {
        t.task.run();
        ran++;
      }
    }
    return ran;
  }

  /** Moves time forward by {@code millis}, running each task at its due time on the way. */
  public int advance(long millis) {
    if (millis < 0) throw new IllegalArgumentException("time does not go back");
    long target = nowNanos + millis * 1_000_000;
    int ran = runDue();
    while (!queue.isEmpty() && queue.peek().dueNanos <= target) {
      nowNanos = Math.max(nowNanos, queue.peek().dueNanos);
      ran += runDue();
    }
    nowNanos = target;
    return ran + runDue();
  }

  /** Jumps to the next task's due time and runs what is due then; false when nothing is queued. */
  public boolean runNext() {
    dropCancelled();
    if (queue.isEmpty()) return false;
    nowNanos = Math.max(nowNanos, queue.peek().dueNanos);
    runDue();
    return true;
  }

  /** Tasks queued and not cancelled, due now or later. */
  public int pending() {
    dropCancelled();
    return (int) queue.stream().filter(t -> !t.cancelled).count();
  }

  /** Milliseconds until the next live task is due, or -1 when nothing is queued. */
  public long millisUntilNext() {
    dropCancelled();
    return queue.isEmpty() ? -1 : Math.max(0, queue.peek().dueNanos - nowNanos) / 1_000_000;
  }

  private void dropCancelled() {
    while (!queue.isEmpty() && queue.peek().cancelled) queue.poll();
  }

  private static final class Task implements Comparable<Task>, Cancellable {
    final long dueNanos;
    final long seq;
    final Runnable task;
    boolean cancelled;

    Task(long dueNanos, long seq, Runnable task) {
      this.dueNanos = dueNanos;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Task o) {
      int c = Long.compare(dueNanos, o.dueNanos);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
