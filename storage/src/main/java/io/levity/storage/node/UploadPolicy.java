package io.levity.storage.node;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.StorageChain;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import io.levity.storage.placement.FilePlacement;
import io.levity.storage.placement.Placement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which uploads a node takes: only shards that placement assigns to it, for a file the chain
 * records, and only while its capacity lasts. Without this anyone could fill a node's disk with
 * shards of files it was never meant to hold. Thread-safe.
 *
 * <p>Assigned means: with more nodes than shards, this node is shard {@code i}'s primary or one of
 * the first {@code k + m} spares in the file's ranking (where uploads and repairs put a shard whose
 * primary is down); with at most {@code k + m} nodes every node is a primary and may also take a
 * shard moved off a node that is down.
 */
final class UploadPolicy {
  private final Bytes32 self;
  private final StorageChain chain;
  private final ShardStore store;
  private final long capacity;
  private final AtomicLong reserved = new AtomicLong();

  UploadPolicy(Bytes32 self, StorageChain chain, ShardStore store, long capacity) {
    this.self = self;
    this.chain = chain;
    this.store = store;
    this.capacity = capacity;
  }

  /** Refuses shard {@code index} of {@code s} unless placement assigns it to this node. */
  void checkAssigned(Submission s, int index) throws NodeError {
    int total = s.dataShards() + s.parityShards();
    List<StorageNodeRecord> nodes = chain.nodes();
    FilePlacement p = Placement.of(s.fileRoot(), total, nodes);
    int rank = -1;
    for (int r = 0; r < p.ranking().size() && rank < 0; r++)
      if (p.ranking().get(r).nodeId().equals(self)) rank = r;
    if (rank < 0)
      throw new NodeError(
          NodeErrorCode.NOT_ASSIGNED,
          "this node (" + self + ") is not registered on chain, so no shard is assigned to it");
    if (!assigned(rank, nodes.size(), total, index))
      throw new NodeError(
          NodeErrorCode.NOT_ASSIGNED,
          "shard "
              + index
              + " of "
              + s.fileRoot()
              + " is not assigned to this node (rank "
              + rank
              + " of "
              + nodes.size()
              + " in the file's placement)");
  }

  /** The rule in the class comment. */
  static boolean assigned(int rank, int nodes, int total, int index) {
    if (nodes <= total) return true;
    return rank == index || (rank >= total && rank < 2 * total);
  }

  /**
   * Reserves {@code bytes} of the capacity for an upload; the returned action gives them back
   * (once) when the upload ends, stored or not (a stored shard then counts as held).
   */
  Runnable reserve(long bytes) throws NodeError {
    long held = store.list(null).stream().mapToLong(ShardMeta::shardSize).sum();
    long inFlight = reserved.addAndGet(bytes);
    if (held + inFlight > capacity) {
      reserved.addAndGet(-bytes);
      throw new NodeError(
          NodeErrorCode.FULL,
          "this node is full: "
              + held
              + " bytes held and "
              + (inFlight - bytes)
              + " being received of a capacity of "
              + capacity
              + "; a shard of "
              + bytes
              + " bytes does not fit");
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) reserved.addAndGet(-bytes);
    };
  }
}
