package io.levity.storage.chain;

import io.levity.core.bytes.Bytes32;
import io.levity.core.lang.Require;
import java.util.List;
import java.util.Optional;

/**
 * A node's commitment to its sealed replica of one shard (io.levity.storage.seal): the root of the
 * replica, over which sealed challenges are proved. Recorded once; the same record again is a
 * no-op, a different root for the same node and shard is refused (sealing is deterministic, so an
 * honest node never needs a second one).
 *
 * @param nodeId the node holding the replica
 * @param fileRoot the file
 * @param shardIndex the shard, below the file's k + m
 * @param replicaRoot the replica's root, computed as a file root over the replica's bytes
 */
public record ReplicaRecord(Bytes32 nodeId, Bytes32 fileRoot, int shardIndex, Bytes32 replicaRoot) {
  public ReplicaRecord {
    Require.nonNull("nodeId", nodeId, "fileRoot", fileRoot, "replicaRoot", replicaRoot);
    if (shardIndex < 0 || shardIndex > 254)
      throw new IllegalArgumentException("shard index " + shardIndex + " out of 0..254");
  }

  /** Whether this record is for {@code nodeId}'s replica of shard {@code shardIndex} of a file. */
  public boolean isFor(Bytes32 nodeId, Bytes32 fileRoot, int shardIndex) {
    return this.nodeId.equals(nodeId)
        && this.fileRoot.equals(fileRoot)
        && this.shardIndex == shardIndex;
  }

  /**
   * Throws unless {@code r} may be recorded on a chain holding {@code existing} replicas, the file
   * record {@code file} and the node set {@code nodes}: the same checks (and messages) as the
   * registry contract's {@code commitReplica}. Returns false when {@code r} is already recorded.
   */
  static boolean checkNew(
      List<ReplicaRecord> existing,
      ReplicaRecord r,
      Optional<Submission> file,
      List<StorageNodeRecord> nodes) {
    if (file.isEmpty())
      throw new IllegalArgumentException("unknown file " + r.fileRoot() + ": submit it first");
    Submission s = file.get();
    if (r.shardIndex() >= s.dataShards() + s.parityShards()) {
      throw new IllegalArgumentException(
          "file " + s.fileRoot() + " has no shard " + r.shardIndex());
    }
    if (nodes.stream().noneMatch(n -> n.nodeId().equals(r.nodeId())))
      throw new IllegalArgumentException("unknown node " + r.nodeId());
    for (ReplicaRecord e : existing) {
      if (!e.isFor(r.nodeId(), r.fileRoot(), r.shardIndex())) continue;
      if (e.replicaRoot().equals(r.replicaRoot())) return false;
      throw new IllegalStateException(
          "node "
              + r.nodeId()
              + " already committed replica "
              + e.replicaRoot()
              + " of shard "
              + r.shardIndex()
              + " of "
              + r.fileRoot());
    }
    return true;
  }
}
