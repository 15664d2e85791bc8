package io.levity.storage.placement;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.storage.chain.StorageNodeRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rendezvous placement of the k + m shards of a file over a node set. Every node gets the score
 * {@code keccak256(fileRoot || nodeId)}; the ranking orders nodes by score as an unsigned 256-bit
 * number, lowest first (ties, only possible for a duplicated node id, by node id). Shard i is
 * placed on the ranking's node i (node {@code i mod n} when there are fewer than k + m nodes). The
 * nodes after the first k + m are the file's <em>spares</em>, in ranking order: when a shard's node
 * is unavailable, the shard goes to the first spare that is up and does not already hold a shard of
 * the file. The result depends only on the file root and the set of node ids, not on their order or
 * on who computes it. Stateless.
 */
public final class Placement {
  private Placement() {}

  /** The score of a node for a file: {@code keccak256(fileRoot || nodeId)}. */
  public static Bytes32 score(Bytes32 fileRoot, Bytes32 nodeId) {
    byte[] in = new byte[64];
    System.arraycopy(fileRoot.unsafeArray(), 0, in, 0, 32);
    System.arraycopy(nodeId.unsafeArray(), 0, in, 32, 32);
    return Keccak.hash(in);
  }

  /**
   * The placement of a file of {@code totalShards} shards over {@code nodes} (any order; duplicates
   * by id merged).
   */
  public static FilePlacement of(Bytes32 fileRoot, int totalShards, List<StorageNodeRecord> nodes) {
    if (totalShards < 1 || totalShards > 255)
      throw new IllegalArgumentException("totalShards must be in 1..255");
    Map<Bytes32, StorageNodeRecord> unique = new LinkedHashMap<>();
    for (StorageNodeRecord n : nodes) unique.put(n.nodeId(), n);
    record Scored(StorageNodeRecord node, Bytes32 score) {}
    List<Scored> scored = new ArrayList<>();
    for (StorageNodeRecord n : unique.values())
      scored.add(new Scored(n, score(fileRoot, n.nodeId())));
    // Bytes compare as unsigned big-endian numbers.
    scored.sort(Comparator.comparing(Scored::score).thenComparing(s -> s.node().nodeId()));
    return new FilePlacement(fileRoot, totalShards, scored.stream().map(Scored::node).toList());
  }
}
