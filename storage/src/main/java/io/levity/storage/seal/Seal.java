package io.levity.storage.seal;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.storage.layout.FileLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The sealed replica of a shard: an encoding bound to one node id that is slow to compute and quick
 * to check one sector of. Sector {@code j} of the replica is the shard's sector {@code j} XOR a
 * mask that depends on the replica's previous sector in the same segment:
 *
 * <pre>
 *   key       = keccak256("levity-seal-v1" || nodeId || fileRoot || uint32(shardIndex))
 *   prev_j    = keccak256(0x00 || replica_{j-1})   (the layout's leaf hash), or 32 zero bytes
 *               when j is the first sector of a segment
 *   x_0       = keccak256(0x06 || key || uint64(j) || prev_j)
 *   x_{t+1}   = keccak256(x_t)                     for t = 0 .. ROUNDS-1
 *   mask_j    = keccak256(x_R || 0x00) || ... || keccak256(x_R || 0x07)    (256 bytes)
 *   replica_j = shard_j XOR mask_j
 * </pre>
 *
 * So making sector {@code j} of a segment from the plain shard takes {@code (j mod 1024) + 1} links
 * of {@link #ROUNDS} sequential hashes each, while checking one sector, given its predecessor,
 * takes one link. A node that keeps only roots (or only the plain shard) and seals on demand when
 * challenged has to run on average hundreds of links before the answer is due; the challenger's
 * deadline is set below that (docs/storage-proofs.md measures both sides). Segments chain
 * independently, so sealing a shard can run one segment per core.
 */
public final class Seal {
  /** Sequential hashes per link; about 0.95 ms a link on the 2-core development machine. */
  public static final int ROUNDS = 2000;

  private static final byte[] KEY_TAG = "levity-seal-v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte LINK_TAG = 0x06;

  private Seal() {}

  /** The sealing key of one node's replica of one shard. */
  public static Bytes32 key(Bytes32 nodeId, Bytes32 fileRoot, int shardIndex) {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(fileRoot, "fileRoot");
    byte[] in = new byte[KEY_TAG.length + 64 + 4];
    System.arraycopy(KEY_TAG, 0, in, 0, KEY_TAG.length);
    System.arraycopy(nodeId.unsafeArray(), 0, in, KEY_TAG.length, 32);
    System.arraycopy(fileRoot.unsafeArray(), 0, in, KEY_TAG.length + 32, 32);
    int o = KEY_TAG.length + 64;
    in[o] = (byte) (shardIndex >>> 24);
    in[o + 1] = (byte) (shardIndex >>> 16);
    in[o + 2] = (byte) (shardIndex >>> 8);
    in[o + 3] = (byte) shardIndex;
    return Keccak.hash(in);
  }

  /** Whether sector {@code index} starts a segment (its mask has no predecessor). */
  public static boolean startsSegment(long index) {
    return index % FileLayout.SECTORS_PER_SEGMENT == 0;
  }

  /**
   * The 256-byte mask of sector {@code index}; {@code previous} is the replica's sector {@code
   * index - 1} (256 bytes), or null when {@code index} starts a segment.
   */
  public static byte[] mask(Bytes32 key, long index, byte[] previous) {
    if (index < 0) throw new IllegalArgumentException("negative sector " + index);
    if (startsSegment(index) != (previous == null)) {
      throw new IllegalArgumentException(
          startsSegment(index)
              ? "sector " + index + " starts a segment: it has no predecessor"
              : "sector " + index + " needs its predecessor's replica");
    }
    byte[] in = new byte[1 + 32 + 8 + 32];
    in[0] = LINK_TAG;
    System.arraycopy(key.unsafeArray(), 0, in, 1, 32);
    for (int i = 0; i < 8; i++) in[33 + i] = (byte) (index >>> (56 - 8 * i));
    if (previous != null) {
      if (previous.length != FileLayout.SECTOR_SIZE)
        throw new IllegalArgumentException("a sector is " + FileLayout.SECTOR_SIZE + " bytes");
      System.arraycopy(leafHash(previous), 0, in, 41, 32);
    }
    byte[] x = Keccak.hash256(in);
    for (int t = 0; t < ROUNDS; t++) Keccak.hash256Into(x, 0, 32, x, 0);
    byte[] expand = new byte[33];
    System.arraycopy(x, 0, expand, 0, 32);
    byte[] mask = new byte[FileLayout.SECTOR_SIZE];
    for (int w = 0; w < 8; w++) {
      expand[32] = (byte) w;
      Keccak.hash256Into(expand, 0, 33, mask, 32 * w);
    }
    return mask;
  }

  /**
   * Seals segment {@code segment} of a shard: {@code plain} is the segment's 262,144 bytes, the
   * result is the replica's segment, made sector after sector.
   */
  public static byte[] sealSegment(Bytes32 key, long segment, byte[] plain) {
    if (plain.length != FileLayout.SEGMENT_SIZE)
      throw new IllegalArgumentException("a segment is " + FileLayout.SEGMENT_SIZE + " bytes");
    byte[] replica = new byte[FileLayout.SEGMENT_SIZE];
    long first = segment * FileLayout.SECTORS_PER_SEGMENT;
    byte[] previous = null;
    for (int i = 0; i < FileLayout.SECTORS_PER_SEGMENT; i++) {
      byte[] mask = mask(key, first + i, previous);
      int off = i * FileLayout.SECTOR_SIZE;
      for (int b = 0; b < FileLayout.SECTOR_SIZE; b++)
        replica[off + b] = (byte) (plain[off + b] ^ mask[b]);
      previous = Arrays.copyOfRange(replica, off, off + FileLayout.SECTOR_SIZE);
    }
    return replica;
  }

  /** The whole replica of {@code shard} (a whole number of segments), one segment after another. */
  public static byte[] seal(Bytes32 key, byte[] shard) {
    if (shard.length % FileLayout.SEGMENT_SIZE != 0) {
      throw new IllegalArgumentException(
          "a shard is a whole number of " + FileLayout.SEGMENT_SIZE + "-byte segments");
    }
    byte[] replica = new byte[shard.length];
    for (int s = 0; s < shard.length / FileLayout.SEGMENT_SIZE; s++) {
      int off = s * FileLayout.SEGMENT_SIZE;
      byte[] sealed =
          sealSegment(key, s, Arrays.copyOfRange(shard, off, off + FileLayout.SEGMENT_SIZE));
      System.arraycopy(sealed, 0, replica, off, sealed.length);
    }
    return replica;
  }

  /**
   * The plain sector behind replica sector {@code index}: {@code replica XOR mask(previous)}.
   * {@code previous} as in {@link #mask}.
   */
  public static byte[] unsealSector(Bytes32 key, long index, byte[] replica, byte[] previous) {
    if (replica.length != FileLayout.SECTOR_SIZE)
      throw new IllegalArgumentException("a sector is " + FileLayout.SECTOR_SIZE + " bytes");
    byte[] mask = mask(key, index, previous);
    byte[] out = new byte[FileLayout.SECTOR_SIZE];
    for (int b = 0; b < out.length; b++) out[b] = (byte) (replica[b] ^ mask[b]);
    return out;
  }

  private static byte[] leafHash(byte[] sector) {
    byte[] in = new byte[1 + FileLayout.SECTOR_SIZE];
    System.arraycopy(sector, 0, in, 1, FileLayout.SECTOR_SIZE);
    return Keccak.hash256(in);
  }
}
