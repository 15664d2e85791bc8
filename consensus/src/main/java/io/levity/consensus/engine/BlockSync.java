package io.levity.consensus.engine;

import io.levity.consensus.engine.Action.Send;
import io.levity.consensus.message.ConsensusMessage.BlockRequest;
import io.levity.consensus.message.ConsensusMessage.BlockResponse;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.core.bytes.Bytes32;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fetching missing ancestors by hash. Blocks that arrive before their parent wait here as orphans;
 * a response is accepted only for an outstanding request and only if it is a hash-linked chain
 * starting at the requested id, so a lying peer can waste a request but never insert a block nobody
 * certified. Unanswered requests are re-sent to the next peer on every round timer.
 */
final class BlockSync {
  private static final int MAX_OUTSTANDING = 16;
  private static final long MAX_ORPHAN_BYTES = 64L << 20;

  private record Fetch(long height, int peer, int attempts, long sentRound) {}

  private final EngineContext ctx;
  private final Map<Bytes32, Fetch> outstanding = new LinkedHashMap<>();
  private final Map<Bytes32, ConsensusBlock> orphans = new LinkedHashMap<>();
  private final Map<Bytes32, List<Bytes32>> childrenOf = new LinkedHashMap<>();
  private long orphanBytes;

  /**
   * Fetches for validator {@code ctx.self()}, in batches and with the orphan limit of its config.
   */
  BlockSync(EngineContext ctx) {
    this.ctx = ctx;
  }

  boolean isWanted(Bytes32 id) {
    return outstanding.containsKey(id);
  }

  boolean hasOrphan(Bytes32 id) {
    return orphans.containsKey(id);
  }

  int outstanding() {
    return outstanding.size();
  }

  /**
   * A request for block {@code id} at {@code height} to {@code hint}, unless one is already under
   * way. If the block is itself waiting as an orphan, asks instead for the oldest missing ancestor
   * of its orphan chain.
   */
  Optional<Send> want(Bytes32 id, long height, int hint, long round) {
    while (orphans.containsKey(id)) {
      ConsensusBlock b = orphans.get(id);
      id = b.parentId();
      height = b.height() - 1;
    }
    if (outstanding.containsKey(id) || outstanding.size() >= MAX_OUTSTANDING)
      return Optional.empty();
    int peer = hint == ctx.self() || hint < 0 || hint >= validators() ? next(ctx.self()) : hint;
    outstanding.put(id, new Fetch(height, peer, 0, round));
    return Optional.of(new Send(peer, new BlockRequest(id, ctx.cfg().syncBatch())));
  }

  /**
   * Re-sends outstanding requests, each to the peer after the one last asked: all of them when
   * {@code all} (the round timed out), otherwise those unanswered for two rounds. Gives up on a
   * block after every peer was asked; a later certificate that needs it asks again.
   */
  List<Send> retry(long round, boolean all) {
    List<Send> out = new ArrayList<>();
    for (Iterator<Map.Entry<Bytes32, Fetch>> it = outstanding.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Bytes32, Fetch> e = it.next();
      Fetch f = e.getValue();
      if (!all && f.sentRound() + 2 > round) continue;
      if (f.attempts() >= Math.min(validators(), 12)) {
        it.remove();
        continue;
      }
      Fetch g = new Fetch(f.height(), next(f.peer()), f.attempts() + 1, round);
      e.setValue(g);
      out.add(new Send(g.peer(), new BlockRequest(e.getKey(), ctx.cfg().syncBatch())));
    }
    return out;
  }

  /** The peer asked does not have the block: ask the next one now. */
  Optional<Send> declined(Bytes32 id, int from, long round) {
    Fetch f = outstanding.get(id);
    if (f == null || f.peer() != from) return Optional.empty();
    if (f.attempts() >= Math.min(validators(), 12)) {
      outstanding.remove(id);
      return Optional.empty();
    }
    Fetch g = new Fetch(f.height(), next(f.peer()), f.attempts() + 1, round);
    outstanding.put(id, g);
    return Optional.of(new Send(g.peer(), new BlockRequest(id, ctx.cfg().syncBatch())));
  }

  /**
   * Checks a response against its request: returns the blocks oldest first, or empty if it was
   * unsolicited or not a hash-linked chain from the requested block (the request stays outstanding
   * for the next peer).
   */
  Optional<List<ConsensusBlock>> accept(BlockResponse r, long epoch) {
    if (!outstanding.containsKey(r.blockId()) || r.blocks().isEmpty()) return Optional.empty();
    List<ConsensusBlock> bs = r.blocks();
    if (!bs.get(0).id().equals(r.blockId())) return Optional.empty();
    for (int i = 0; i < bs.size(); i++) {
      ConsensusBlock b = bs.get(i);
      if (b.epoch() != epoch || b.height() < 1) return Optional.empty();
      if (i + 1 < bs.size()
          && (!b.parentId().equals(bs.get(i + 1).id())
              || bs.get(i + 1).height() + 1 != b.height())) {
        return Optional.empty();
      }
    }
    outstanding.remove(r.blockId());
    List<ConsensusBlock> oldestFirst = new ArrayList<>(bs);
    Collections.reverse(oldestFirst);
    return Optional.of(oldestFirst);
  }

  void addOrphan(ConsensusBlock b) {
    if (orphans.containsKey(b.id())) return;
    while (!orphans.isEmpty()
        && (orphans.size() >= ctx.cfg().maxOrphans()
            || orphanBytes + b.encoding().length > MAX_ORPHAN_BYTES)) {
      Iterator<ConsensusBlock> it = orphans.values().iterator();
      ConsensusBlock old = it.next();
      it.remove();
      orphanBytes -= old.encoding().length;
      List<Bytes32> siblings = childrenOf.get(old.parentId());
      if (siblings != null) {
        siblings.remove(old.id());
        if (siblings.isEmpty()) childrenOf.remove(old.parentId());
      }
    }
    orphans.put(b.id(), b);
    orphanBytes += b.encoding().length;
    childrenOf.computeIfAbsent(b.parentId(), k -> new ArrayList<>()).add(b.id());
  }

  /** Removes and returns the orphans whose parent is {@code parentId}. */
  List<ConsensusBlock> takeChildren(Bytes32 parentId) {
    List<Bytes32> ids = childrenOf.remove(parentId);
    if (ids == null) return List.of();
    List<ConsensusBlock> out = new ArrayList<>(ids.size());
    for (Bytes32 id : ids) {
      ConsensusBlock b = orphans.remove(id);
      if (b != null) {
        orphanBytes -= b.encoding().length;
        out.add(b);
      }
    }
    return out;
  }

  /**
   * Drops orphans and requests at or below the committed height: they can no longer join the tree.
   */
  void pruneAtOrBelow(long height) {
    outstanding.values().removeIf(f -> f.height() <= height);
    orphans
        .values()
        .removeIf(
            b -> {
              if (b.height() > height) return false;
              orphanBytes -= b.encoding().length;
              return true;
            });
    childrenOf.values().forEach(l -> l.removeIf(id -> !orphans.containsKey(id)));
    childrenOf.values().removeIf(List::isEmpty);
  }

  private int validators() {
    return ctx.validators().size();
  }

  private int next(int peer) {
    int p = (peer + 1) % validators();
    return p == ctx.self() ? (p + 1) % validators() : p;
  }
}
