package io.levity.node.runtime;

import io.levity.core.bytes.Bytes32;
import io.levity.core.time.Scheduler;
import io.levity.execution.block.BlockHeader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Block pacing: answers the engine's payload request at the right moment. An idle chain makes a
 * block every block interval. When there is work ({@link PayloadBuilder#hasWork}: a transaction
 * that could go into the block and no uncommitted ancestor carries, or uncommitted ancestors with
 * transactions that need the next certificates to commit), the leader proposes after the short
 * {@link #minIntervalMillis}: under load, rounds run back to back and commit latency is a few
 * network round trips plus execution, not three block intervals.
 *
 * <p>Nothing polls: a request arms two timers (the minimum interval and the block interval), and
 * between them the pacer sleeps until the mempool reports new transactions ({@link #workArrived},
 * from any thread). Everything else runs on the scheduler, the consensus thread.
 */
final class PayloadPacer {
  private final Scheduler thread;
  private final PayloadBuilder payloads;
  private final Supplier<BlockHeader> head;
  private final long intervalMillis;
  private final long minIntervalMillis;

  /** A wake-up is queued on the scheduler: further ones until it runs would only repeat it. */
  private final AtomicBoolean wakeQueued = new AtomicBoolean();

  /**
   * Set before the pacer looks for work and cleared when it proposes, so that work added while it
   * looks is never missed: either the look sees it, or the adder sees the flag and wakes it.
   */
  private volatile boolean waitingForWork;

  private Request pending;

  /** The request being paced, with its timers. */
  private static final class Request {
    final Bytes32 parentId;
    final Consumer<Payload> ready;
    Scheduler.Cancellable early = () -> {};
    Scheduler.Cancellable deadline = () -> {};
    boolean minIntervalPassed;

    Request(Bytes32 parentId, Consumer<Payload> ready) {
      this.parentId = parentId;
      this.ready = ready;
    }
  }

  PayloadPacer(
      Scheduler thread, PayloadBuilder payloads, Supplier<BlockHeader> head, long intervalMillis) {
    this.thread = thread;
    this.payloads = payloads;
    this.head = head;
    this.intervalMillis = intervalMillis;
    this.minIntervalMillis = minIntervalMillis(intervalMillis);
  }

  /** The shortest wait before a proposal: a tenth of the block interval, at least 20 ms. */
  static long minIntervalMillis(long intervalMillis) {
    return Math.min(intervalMillis, Math.max(20, intervalMillis / 10));
  }

  /**
   * The engine asks for the payload of a block on {@code parentId}; {@code ready} gets it once (on
   * the scheduler). A new request replaces one still waiting: the engine only ever asks for a later
   * round, and ignores payloads for an earlier one.
   */
  void request(Bytes32 parentId, Consumer<Payload> ready) {
    cancel();
    Request r = new Request(parentId, ready);
    pending = r;
    r.early =
        thread.schedule(
            minIntervalMillis,
            () -> {
              if (pending != r) return;
              r.minIntervalPassed = true;
              proposeIfWork(r);
            });
    r.deadline =
        thread.schedule(
            intervalMillis,
            () -> {
              if (pending == r) propose(r, payloads.inFlight(r.parentId));
            });
  }

  /** Drops the request waiting, if any (the engine stopped). */
  void cancel() {
    Request r = pending;
    if (r == null) return;
    pending = null;
    waitingForWork = false;
    r.early.cancel();
    r.deadline.cancel();
  }

  /** There may be new work (transactions added, a block committed); safe from any thread. */
  void workArrived() {
    if (waitingForWork && wakeQueued.compareAndSet(false, true)) thread.execute(this::wake);
  }

  private void wake() {
    wakeQueued.set(false);
    Request r = pending;
    if (r != null && r.minIntervalPassed) proposeIfWork(r);
  }

  private void proposeIfWork(Request r) {
    waitingForWork = true;
    PayloadBuilder.InFlight inFlight = payloads.inFlight(r.parentId);
    if (payloads.hasWork(head.get(), inFlight)) propose(r, inFlight);
  }

  private void propose(Request r, PayloadBuilder.InFlight inFlight) {
    cancel();
    r.ready.accept(payloads.build(head.get(), inFlight, thread.time().epochMillis() / 1000));
  }
}
