package io.levity.storage.layout;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.util.Arrays;

/**
 * Constants and hash rules of the file layout (see docs/storage.md): 256-byte sectors, 1024-sector
 * segments, a domain-separated Keccak-256 binary tree in which a level with an odd node count pairs
 * its last node with a zero hash, and a file root that also commits to the file's byte length.
 */
public final class FileLayout {
  public static final int SECTOR_SIZE = 256;
  public static final int SECTORS_PER_SEGMENT = 1024;
  public static final int SEGMENT_SIZE = SECTOR_SIZE * SECTORS_PER_SEGMENT;

  static final byte LEAF_TAG = 0x00;
  static final byte NODE_TAG = 0x01;
  static final byte FILE_TAG = 0x02;

  /** The sibling of an unpaired last node, and the tree root of a file with no sectors. */
  public static final Bytes32 ZERO_HASH = Bytes32.ZERO;

  private FileLayout() {}

  /**
   * Number of sectors a file of {@code length} bytes occupies: its length rounded up to whole
   * sectors.
   */
  public static long sectorCount(long length) {
    if (length < 0) throw new IllegalArgumentException("negative file length: " + length);
    return (length + SECTOR_SIZE - 1) / SECTOR_SIZE;
  }

  public static long segmentCount(long length) {
    return (sectorCount(length) + SECTORS_PER_SEGMENT - 1) / SECTORS_PER_SEGMENT;
  }

  /**
   * Sectors in segment {@code segment} of a file of {@code length} bytes (the last segment may be
   * short).
   */
  public static int sectorsInSegment(long length, long segment) {
    long sectors = sectorCount(length);
    long first = segment * SECTORS_PER_SEGMENT;
    if (segment < 0 || first >= sectors)
      throw new IllegalArgumentException("segment " + segment + " out of range");
    return (int) Math.min(SECTORS_PER_SEGMENT, sectors - first);
  }

  /** Depth of a tree over {@code leaves} leaves: ceil(log2(leaves)), 0 for one leaf. */
  public static int depth(long leaves) {
    if (leaves <= 1) return 0;
    return 64 - Long.numberOfLeadingZeros(leaves - 1);
  }

  /**
   * Leaf hash of the sector at {@code data[off, off+len)}, {@code len <= 256}; the rest of the
   * sector is zero. keccak256(0x00 || sector[256]).
   */
  static void leafHash(byte[] data, int off, int len, byte[] scratch, byte[] out, int outOff) {
    scratch[0] = LEAF_TAG;
    System.arraycopy(data, off, scratch, 1, len);
    Arrays.fill(scratch, 1 + len, 1 + SECTOR_SIZE, (byte) 0);
    Keccak.hash256Into(scratch, 0, 1 + SECTOR_SIZE, out, outOff);
  }

  /** keccak256(0x01 || left || right), both children 32 bytes; scratch is at least 65 bytes. */
  public static void nodeHash(
      byte[] left, int lOff, byte[] right, int rOff, byte[] scratch, byte[] out, int outOff) {
    scratch[0] = NODE_TAG;
    System.arraycopy(left, lOff, scratch, 1, 32);
    System.arraycopy(right, rOff, scratch, 33, 32);
    Keccak.hash256Into(scratch, 0, 65, out, outOff);
  }

  /** keccak256(0x02 || uint64_be(length) || treeRoot): the file's identity. */
  public static Bytes32 fileRoot(long length, byte[] treeRoot) {
    byte[] in = new byte[41];
    in[0] = FILE_TAG;
    for (int i = 0; i < 8; i++) in[1 + i] = (byte) (length >>> (56 - 8 * i));
    System.arraycopy(treeRoot, 0, in, 9, 32);
    return Keccak.hash(in);
  }

  /** Root of an empty file (length 0, tree root = zero hash). */
  public static Bytes32 emptyFileRoot() {
    return fileRoot(0, ZERO_HASH.toArray());
  }
}
