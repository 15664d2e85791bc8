package io.levity.storage.proof;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.Submission;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.layout.FileLayout;
import io.levity.storage.layout.MerkleFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A file cut into shards by the shard format of docs/storage.md, written out here from the format's
 * rules (not through the shard package) so the proof tests stand on their own: its shards, shard
 * roots and submission.
 */
@SuppressWarnings("ArrayRecordComponent") // test data: never compared, hashed or shared mutably
record ShardFixture(byte[] file, byte[][] shards, List<Bytes32> roots, Submission submission) {
  static ShardFixture of(int length, int k, int m, long seed) {
    byte[] file = new byte[length];
    new Random(seed).nextBytes(file);
    int seg = FileLayout.SEGMENT_SIZE;
    int groups = (int) (ShardGeometry.shardLength(length, k) / seg);
    byte[][] shards = new byte[k + m][groups * seg];
    ReedSolomon rs = ReedSolomon.create(k, m);
    for (int g = 0; g < groups; g++) {
      byte[][] group = new byte[k + m][seg];
      for (int i = 0; i < k; i++) {
        long from = (long) (g * k + i) * seg;
        if (from < length)
          System.arraycopy(file, (int) from, group[i], 0, (int) Math.min(seg, length - from));
      }
      rs.encode(group);
      for (int i = 0; i < k + m; i++) System.arraycopy(group[i], 0, shards[i], g * seg, seg);
    }
    List<Bytes32> roots = new ArrayList<>();
    for (byte[] s : shards) roots.add(MerkleFile.root(s));
    Submission sub =
        new Submission(
            MerkleFile.root(file),
            length,
            k,
            m,
            ShardGeometry.commitment(k, m, roots),
            Bytes32.ZERO);
    return new ShardFixture(file, shards, List.copyOf(roots), sub);
  }
}
