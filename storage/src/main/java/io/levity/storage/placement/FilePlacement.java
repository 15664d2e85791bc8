package io.levity.storage.placement;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.StorageNodeRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The placement of one file (see {@link Placement} for the rule): the node ranking, each shard's
 * primary node, the spares that take shards whose primary is down, and the order in which a reader
 * searches for a shard.
 */
public record FilePlacement(Bytes32 fileRoot, int totalShards, List<StorageNodeRecord> ranking) {
  public FilePlacement {
    ranking = List.copyOf(ranking);
  }

  /** The node shard {@code shard} is placed on; empty only when there are no nodes at all. */
  public Optional<StorageNodeRecord> primary(int shard) {
    checkShard(shard);
    return ranking.isEmpty() ? Optional.empty() : Optional.of(ranking.get(shard % ranking.size()));
  }

  /**
   * The nodes after the first k + m in the ranking, in ranking order (empty when there are at most
   * k + m nodes).
   */
  public List<StorageNodeRecord> spares() {
    return ranking.size() <= totalShards ? List.of() : ranking.subList(totalShards, ranking.size());
  }

  /**
   * Where a reader looks for shard {@code shard}, in order: its primary, then the spares, then
   * every other node in ranking order (where it may sit if the node set changed since it was
   * placed). Each node appears once.
   */
  public List<StorageNodeRecord> searchOrder(int shard) {
    LinkedHashSet<StorageNodeRecord> out = new LinkedHashSet<>();
    primary(shard).ifPresent(out::add);
    out.addAll(spares());
    out.addAll(ranking);
    return new ArrayList<>(out);
  }

  private void checkShard(int shard) {
    if (shard < 0 || shard >= totalShards) {
      throw new IllegalArgumentException(
          "shard " + shard + " out of range 0.." + (totalShards - 1));
    }
  }
}
