package io.levity.node.runtime;

import io.levity.node.p2p.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The chain heights peers announce ({@code Status}), and the questions block sync asks of them: how
 * far ahead at least f + 1 validators claim to be (so at least one honest one is), which is the
 * height to sync to, and whom to ask for the blocks. A peer that is not a validator may serve
 * blocks but never sets the target alone. Written from the p2p thread, read from the consensus
 * thread.
 */
final class PeerHeights {
  /** A peer and the height it announced. */
  record Peer(NodeId id, long height) {}

  private final Map<NodeId, Long> heights = new ConcurrentHashMap<>();
  private final Set<NodeId> validators;
  private final int f;

  PeerHeights(Set<NodeId> validators) {
    this.validators = Set.copyOf(validators);
    this.f = (validators.size() - 1) / 3;
  }

  void announced(NodeId peer, long height) {
    heights.put(peer, height);
  }

  /**
   * Forgets a peer until its next announcement (it disconnected, or failed to serve what it
   * announced).
   */
  void forget(NodeId peer) {
    heights.remove(peer);
  }

  /** The connected peer announcing the greatest height. */
  Optional<Peer> best(Predicate<NodeId> connected) {
    Peer best = null;
    for (Map.Entry<NodeId, Long> e : heights.entrySet()) {
      if (connected.test(e.getKey()) && (best == null || e.getValue() > best.height())) {
        best = new Peer(e.getKey(), e.getValue());
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The height to sync to: what f + 1 connected validators claim; a full node that hears fewer than
   * f + 1 validators (it may follow other full nodes) takes the best peer's height instead, and
   * relies on penalties for peers whose claims fail. -1 when there is none.
   */
  long target(Predicate<NodeId> connected, boolean validator) {
    long claimed = claimedByFPlusOne(connected);
    if (claimed >= 0 || validator) return claimed;
    return best(connected).map(Peer::height).orElse(-1L);
  }

  /**
   * Whom to ask for the blocks above {@code head}, up to {@code target}: the connected validator
   * announcing the most (at least the target), else the connected peer announcing the most.
   */
  Optional<NodeId> source(long head, long target, Predicate<NodeId> connected) {
    Peer validator = null;
    Peer any = null;
    for (Map.Entry<NodeId, Long> e : heights.entrySet()) {
      long h = e.getValue();
      if (!connected.test(e.getKey()) || h <= head) continue;
      Peer p = new Peer(e.getKey(), h);
      if (ahead(p, any)) any = p;
      if (validators.contains(p.id()) && h >= target && ahead(p, validator)) validator = p;
    }
    return Optional.ofNullable(validator != null ? validator : any).map(Peer::id);
  }

  /** Higher first; ties go to the lower node id, so the choice does not depend on map order. */
  private static boolean ahead(Peer p, Peer than) {
    return than == null
        || p.height() > than.height()
        || (p.height() == than.height() && p.id().compareTo(than.id()) < 0);
  }

  /**
   * Whether f + 1 validators other than {@code self} exist to announce heights (not so on a chain
   * of one validator, where nobody can say the node is behind).
   */
  boolean othersCanOutvote(NodeId self) {
    int others = validators.size() - (validators.contains(self) ? 1 : 0);
    return others >= f + 1;
  }

  /**
   * The highest height that at least f + 1 connected validators announce; -1 when fewer than f + 1
   * announced.
   */
  long claimedByFPlusOne(Predicate<NodeId> connected) {
    List<Long> hs = new ArrayList<>();
    heights.forEach(
        (id, h) -> {
          if (validators.contains(id) && connected.test(id)) hs.add(h);
        });
    if (hs.size() < f + 1) return -1;
    hs.sort(Comparator.reverseOrder());
    return hs.get(f);
  }
}
