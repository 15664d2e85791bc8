package io.levity.node.runtime;

import io.levity.node.p2p.Misbehavior;
import io.levity.node.p2p.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The decisions of block sync, with no socket, clock or thread: given the head, the heights peers
 * announce ({@link PeerHeights}), the time and the request in flight, it says what to do (pause
 * consensus, ask a peer for blocks, penalise one, import, restart consensus) as a list of {@link
 * Step}s that {@link SyncRunner} carries out. It keeps the request in flight and whether the node
 * is syncing. See docs/node.md ("Block sync").
 *
 * <p>Rules: the target is the height f + 1 validators announce ({@link PeerHeights#target}), so a
 * peer lying about its height can neither pause a running validator nor keep a paused one syncing.
 * A validator more than {@link #SYNC_GAP} blocks behind the target pauses its engine; a paused or
 * full node below the target asks one peer for the next batch ({@link PeerHeights#source}), one
 * request at a time. A request unanswered for {@link #REQUEST_TIMEOUT_NANOS} costs the peer {@link
 * Misbehavior#UNANSWERED_REQUEST}, an answer with nothing or with blocks that do not verify costs
 * it {@link Misbehavior#FALSE_CLAIM} (a ban); either way its announced height is forgotten until
 * its next announcement. At the target the node is caught up and a validator restarts its engine.
 */
final class BlockSyncer {
  /** A validator further behind its best peer than this pauses consensus and syncs blocks. */
  static final int SYNC_GAP = 4;

  /** How long a block request may go unanswered. */
  static final long REQUEST_TIMEOUT_NANOS = 5_000_000_000L;

  /** Something the runner must do; the steps of one decision are carried out in order. */
  sealed interface Step {
    /** Lower the peer's score (its announced height is already forgotten). */
    record Penalize(NodeId peer, Misbehavior why, String reason) implements Step {}

    /** Stop the engine to sync. */
    record PauseEngine(String why) implements Step {}

    /** Send {@code GetBlocks(fromHeight, max)} to the peer. */
    record Ask(NodeId peer, long fromHeight, int max) implements Step {}

    /** Import the first {@code count} blocks of the batch just received, then decide again. */
    record Import(int count) implements Step {}

    /** No peer is ahead any more. */
    record CaughtUp(long height) implements Step {}

    /** Start the engine again from the stored state. */
    record StartEngine() implements Step {}
  }

  /** A block request sent and not answered yet. */
  record Request(NodeId peer, long fromHeight, long sentNanos) {}

  /**
   * What a batch received from a peer turned out to be, as checked by the runner: how many of its
   * blocks are proven committed, or the fault that makes it worthless.
   */
  record Batch(int importable, Optional<Misbehavior> fault, String reason) {
    static Batch importable(int count) {
      return new Batch(count, Optional.empty(), "");
    }

    static Batch faulty(Misbehavior fault, String reason) {
      return new Batch(0, Optional.of(fault), reason);
    }
  }

  private final PeerHeights heights;
  private final boolean validator;
  private Request inFlight;
  private volatile boolean syncing;

  /**
   * Sync for a validator (which pauses and restarts its engine) or a full node (which has none).
   */
  BlockSyncer(PeerHeights heights, boolean validator) {
    this.heights = heights;
    this.validator = validator;
  }

  /** The heights peers announced (written from the p2p thread). */
  PeerHeights heights() {
    return heights;
  }

  /** True while the node fetches blocks it is missing (readable from any thread). */
  boolean syncing() {
    return syncing;
  }

  /** The request in flight, if any. */
  Optional<Request> inFlight() {
    return Optional.ofNullable(inFlight);
  }

  /** Whether a batch from {@code peer} is the answer awaited (else it is unsolicited or late). */
  boolean expecting(NodeId peer) {
    return inFlight != null && inFlight.peer().equals(peer);
  }

  /**
   * Decides at {@code nowNanos}, with the chain at {@code head}, whether to give up on the request
   * in flight, pause the engine, ask for blocks, or declare the node caught up and restart it.
   */
  List<Step> decide(long head, boolean engineRunning, Predicate<NodeId> connected, long nowNanos) {
    List<Step> out = new ArrayList<>();
    if (inFlight != null && nowNanos - inFlight.sentNanos() > REQUEST_TIMEOUT_NANOS) {
      out.add(forget(inFlight.peer(), Misbehavior.UNANSWERED_REQUEST, "block request timed out"));
      inFlight = null;
    }
    long target = heights.target(connected, validator);
    boolean running = engineRunning;
    // A running validator pauses only when f + 1 validators say they are ahead, so at least one
    // honest one is: a single peer announcing a height it does not have cannot stall consensus.
    if (running && target > head + SYNC_GAP) {
      out.add(new Step.PauseEngine("behind by " + (target - head) + " blocks; syncing"));
      running = false;
    }
    Optional<NodeId> source =
        target > head ? heights.source(head, target, connected) : Optional.empty();
    if (!running && source.isPresent()) {
      syncing = true;
      if (inFlight == null) {
        inFlight = new Request(source.get(), head + 1, nowNanos);
        out.add(new Step.Ask(source.get(), head + 1, SyncBatches.BATCH));
      }
      return out;
    }
    if (inFlight == null && syncing) {
      syncing = false;
      out.add(new Step.CaughtUp(head));
    }
    if (!running && validator && inFlight == null) out.add(new Step.StartEngine());
    return out;
  }

  /**
   * A batch from {@code from}: ignored unless it answers the request in flight; a faulty one costs
   * the peer, a good one is imported (and the runner then decides again).
   */
  List<Step> received(NodeId from, Batch batch) {
    if (!expecting(from)) return List.of();
    inFlight = null;
    if (batch.fault().isPresent())
      return List.of(forget(from, batch.fault().get(), batch.reason()));
    return List.of(new Step.Import(batch.importable()));
  }

  private Step forget(NodeId peer, Misbehavior why, String reason) {
    heights.forget(peer); // ask someone else; its next announcement brings it back
    return new Step.Penalize(peer, why, reason);
  }
}
