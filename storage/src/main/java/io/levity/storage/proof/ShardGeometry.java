package io.levity.storage.proof;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.Submission;
import io.levity.storage.layout.FileLayout;
import io.levity.storage.shard.ShardCommitment;
import io.levity.storage.shard.ShardLayout;
import java.util.List;

/**
 * The two facts of the shard format (docs/storage.md) a proof of storage needs: how long every
 * shard of a file is, and the shard commitment. The format itself lives in {@code
 * io.levity.storage.shard}; this is its view from the chain records. {@code ShardGeometryTest}
 * locks the values with vectors.
 */
public final class ShardGeometry {
  private ShardGeometry() {}

  /**
   * Bytes in every shard of a file of {@code length} bytes coded with {@code dataShards} data
   * shards: {@code G * 262144} with {@code G = max(1, ceil(ceil(length / 262144) / k))} segment
   * groups.
   */
  public static long shardLength(long length, int dataShards) {
    if (length < 0) throw new IllegalArgumentException("negative file length " + length);
    if (dataShards < 1)
      throw new IllegalArgumentException("need at least one data shard, got " + dataShards);
    return new ShardLayout(dataShards, 0, length).shardSize();
  }

  /** {@link #shardLength(long, int)} of a recorded file. */
  public static long shardLength(Submission s) {
    return shardLength(s.length(), s.dataShards());
  }

  /** Sectors in every shard of a recorded file. */
  public static long sectorsPerShard(Submission s) {
    return shardLength(s) / FileLayout.SECTOR_SIZE;
  }

  /**
   * The shard commitment {@code keccak256(0x03 || uint8(k) || uint8(m) || shardRoot_0 || ... ||
   * shardRoot_{k+m-1})}.
   */
  public static Bytes32 commitment(int dataShards, int parityShards, List<Bytes32> shardRoots) {
    return ShardCommitment.of(dataShards, parityShards, shardRoots);
  }
}
