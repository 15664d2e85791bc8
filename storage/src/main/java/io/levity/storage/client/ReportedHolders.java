package io.levity.storage.client;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.StorageChain;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import io.levity.storage.placement.FilePlacement;
import io.levity.storage.placement.Placement;
import io.levity.storage.proof.ShardHolders;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a shard actually is, for proofs of storage: the first node, in the placement's search
 * order, that reports holding it (its primary unless it fell back to a spare), else its primary
 * (which then fails). Each node is asked once per file until {@link #forget()}, which a new round
 * calls.
 */
final class ReportedHolders implements ShardHolders {
  private final StorageChain chain;
  private final StorageNodeTransport nodes;
  private final Map<String, Set<Integer>> inventories = new ConcurrentHashMap<>();

  ReportedHolders(StorageChain chain, StorageNodeTransport nodes) {
    this.chain = chain;
    this.nodes = nodes;
  }

  @Override
  public Optional<StorageNodeRecord> holderOf(Bytes32 root, int shard) {
    Submission s = chain.submission(root).orElse(null);
    if (s == null) return Optional.empty();
    FilePlacement placement = Placement.of(root, s.dataShards() + s.parityShards(), chain.nodes());
    for (StorageNodeRecord node : placement.searchOrder(shard)) {
      if (held(node, root).contains(shard)) return Optional.of(node);
    }
    return placement.primary(shard);
  }

  /** Asks the nodes again from now on. */
  void forget() {
    inventories.clear();
  }

  /** The shards of a file a node reports holding; none when it cannot be asked. */
  private Set<Integer> held(StorageNodeRecord node, Bytes32 root) {
    return inventories.computeIfAbsent(
        node.endpoint() + "/" + root,
        k -> {
          try {
            Set<Integer> out = new HashSet<>();
            for (StorageNodeTransport.HeldShard h : nodes.list(node.endpoint(), root))
              out.add(h.index());
            return out;
          } catch (NodeRequestException | RuntimeException e) {
            return Set.of();
          }
        });
  }
}
