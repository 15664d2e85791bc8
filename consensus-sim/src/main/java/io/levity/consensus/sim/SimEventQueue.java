package io.levity.consensus.sim;

import java.util.PriorityQueue;

/**
 * The event queue of a discrete-event simulation, over a virtual clock in milliseconds. Tasks at
 * the same instant run in the order they were scheduled, so a run depends only on the seed. Every
 * task that runs is folded into the trace hash.
 */
final class SimEventQueue {
  /**
   * What ran, for the trace: a kind, the node it concerns and a digest of its content. Each kind
   * has a fixed code, which goes into the trace hash.
   */
  enum Kind {
    START(0),
    DELIVER(1),
    TIMER(2),
    LOCAL(3),
    CRASH(4),
    RESTART(5),
    PARTITION(6),
    HEAL(7),
    GST(8),
    CHAOS(9);

    final int code;

    Kind(int code) {
      this.code = code;
    }
  }

  private record Task(long time, long seq, Kind kind, int node, long digest, Runnable run)
      implements Comparable<Task> {
    @Override
    public int compareTo(Task o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private final TraceHash trace;
  private long now;
  private long seq;
  private long executed;

  SimEventQueue(TraceHash trace) {
    this.trace = trace;
  }

  /** The virtual time in milliseconds: when the task running now was due. */
  long now() {
    return now;
  }

  /** Tasks run so far. */
  long executed() {
    return executed;
  }

  void at(long time, Kind kind, int node, long digest, Runnable run) {
    if (time < now)
      throw new IllegalArgumentException("cannot schedule in the past: " + time + " < " + now);
    queue.add(new Task(time, seq++, kind, node, digest, run));
  }

  void after(long delay, Kind kind, int node, long digest, Runnable run) {
    at(now + delay, kind, node, digest, run);
  }

  /** Runs the next task; false when none is left. */
  boolean step() {
    Task t = queue.poll();
    if (t == null) return false;
    now = t.time();
    executed++;
    trace.add(t.time(), t.kind(), t.node(), t.digest());
    t.run().run();
    return true;
  }
}
