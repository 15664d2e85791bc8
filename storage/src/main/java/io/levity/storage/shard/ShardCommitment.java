package io.levity.storage.shard;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.util.List;

/**
 * The commitment to all k + m shards recorded in a submission: {@code keccak256(0x03 || uint8(k) ||
 * uint8(m) || shardRoot_0 || ... || shardRoot_{k+m-1})}. A node checks a shard against it without
 * trusting the uploader: the listed roots must hash to it and the shard must hash to its root.
 */
public final class ShardCommitment {
  static final byte TAG = 0x03;

  private ShardCommitment() {}

  /** The commitment of a k + m code with these shard roots (exactly k + m of them). */
  public static Bytes32 of(int dataShards, int parityShards, List<Bytes32> shardRoots) {
    new ShardLayout(dataShards, parityShards, 0); // validates k and m
    if (shardRoots.size() != dataShards + parityShards) {
      throw new IllegalArgumentException(
          "expected " + (dataShards + parityShards) + " shard roots, got " + shardRoots.size());
    }
    byte[] in = new byte[3 + 32 * shardRoots.size()];
    in[0] = TAG;
    in[1] = (byte) dataShards;
    in[2] = (byte) parityShards;
    for (int i = 0; i < shardRoots.size(); i++)
      System.arraycopy(shardRoots.get(i).unsafeArray(), 0, in, 3 + 32 * i, 32);
    return Keccak.hash(in);
  }

  /** True when {@code shardRoots} has k + m entries and they hash to {@code commitment}. */
  public static boolean matches(
      Bytes32 commitment, int dataShards, int parityShards, List<Bytes32> shardRoots) {
    return shardRoots.size() == dataShards + parityShards
        && of(dataShards, parityShards, shardRoots).equals(commitment);
  }
}
