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
 * The chain heights peers announce ({@code Status}), and the two questions block sync asks of them:
 * which connected peer is furthest ahead, and how far ahead at least f + 1 validators claim to be
 * (so at least one honest one is). Written from the p2p thread, read from the consensus thread.
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
