package io.levity.storage.proof;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.storage.chain.Submission;
import io.levity.storage.layout.FileLayout;
import java.util.List;

/**
 * The two facts of the shard format (docs/storage.md) a proof of storage needs: how long every shard of a file is,
 * and the shard commitment. They restate the format's rules so that this package depends on nothing but the chain
 * records; {@code ShardGeometryTest} locks them with vectors.
 */
public final class ShardGeometry {
  /** Domain tag of the shard commitment. */
  static final byte COMMITMENT_TAG = 0x03;

  private ShardGeometry() {}

  /**
   * Bytes in every shard of a file of {@code length} bytes coded with {@code dataShards} data shards:
   * {@code G * 262144} with {@code G = max(1, ceil(ceil(length / 262144) / k))} segment groups.
   */
  public static long shardLength(long length, int dataShards) {
    if (length < 0) throw new IllegalArgumentException("negative file length " + length);
    if (dataShards < 1) throw new IllegalArgumentException("need at least one data shard, got " + dataShards);
    long segments = (length + FileLayout.SEGMENT_SIZE - 1) / FileLayout.SEGMENT_SIZE;
    long groups = Math.max(1, (segments + dataShards - 1) / dataShards);
    return groups * FileLayout.SEGMENT_SIZE;
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
   * The shard commitment {@code keccak256(0x03 || uint8(k) || uint8(m) || shardRoot_0 || ... || shardRoot_{k+m-1})}.
   */
  public static Bytes32 commitment(int dataShards, int parityShards, List<Bytes32> shardRoots) {
    if (dataShards < 1 || parityShards < 0 || dataShards + parityShards > 255) {
      throw new IllegalArgumentException("bad code " + dataShards + "+" + parityShards);
    }
    if (shardRoots.size() != dataShards + parityShards) {
      throw new IllegalArgumentException("expected " + (dataShards + parityShards) + " shard roots, got "
          + shardRoots.size());
    }
    byte[] in = new byte[3 + 32 * shardRoots.size()];
    in[0] = COMMITMENT_TAG;
    in[1] = (byte) dataShards;
    in[2] = (byte) parityShards;
    for (int i = 0; i < shardRoots.size(); i++) System.arraycopy(shardRoots.get(i).unsafeArray(), 0, in, 3 + 32 * i, 32);
    return Keccak.hash(in);
  }
}
