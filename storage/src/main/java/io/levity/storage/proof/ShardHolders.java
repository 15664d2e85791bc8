package io.levity.storage.proof;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.StorageNodeRecord;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Which node is responsible for a shard: the placement the challenger holds nodes to. Backed by the
 * storage network's placement over {@code StorageChain.nodes()}; empty when no node is assigned
 * (nothing to challenge).
 */
@FunctionalInterface
public interface ShardHolders {
  Optional<StorageNodeRecord> holderOf(Bytes32 fileRoot, int shardIndex);

  /** Adapts a placement function that returns null for "no node". */
  static ShardHolders of(BiFunction<Bytes32, Integer, StorageNodeRecord> placement) {
    return (root, shard) -> Optional.ofNullable(placement.apply(root, shard));
  }
}
