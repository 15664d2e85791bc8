package io.levity.storage.layout;

import io.levity.core.bytes.Bytes32;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An in-memory file with its full Merkle tree: computes the file root and produces sector proofs.
 * Use {@link #root(byte[])} when only the root is needed.
 */
public final class MerkleFile {
  private final byte[] data;

  /**
   * Per segment, its tree levels: level 0 is the concatenated leaf hashes, the last level is the
   * segment root.
   */
  private final byte[][][] segmentLevels;

  /** Tree levels over the segment roots; empty for an empty file. */
  private final byte[][] fileLevels;

  private final Bytes32 root;

  private MerkleFile(byte[] data) {
    this.data = data;
    long length = data.length;
    int segments = (int) FileLayout.segmentCount(length);
    byte[] scratch = new byte[1 + FileLayout.SECTOR_SIZE];
    segmentLevels = new byte[segments][][];
    byte[] segmentRoots = new byte[segments * 32];
    for (int s = 0; s < segments; s++) {
      int sectors = FileLayout.sectorsInSegment(length, s);
      byte[] leaves = new byte[sectors * 32];
      long base = (long) s * FileLayout.SEGMENT_SIZE;
      for (int i = 0; i < sectors; i++) {
        int off = (int) (base + (long) i * FileLayout.SECTOR_SIZE);
        int len = Math.min(FileLayout.SECTOR_SIZE, data.length - off);
        FileLayout.leafHash(data, off, len, scratch, leaves, i * 32);
      }
      segmentLevels[s] = levels(leaves, scratch);
      byte[][] lv = segmentLevels[s];
      System.arraycopy(lv[lv.length - 1], 0, segmentRoots, s * 32, 32);
    }
    fileLevels = segments == 0 ? new byte[0][] : levels(segmentRoots, scratch);
    byte[] treeRoot =
        segments == 0 ? FileLayout.ZERO_HASH.toArray() : fileLevels[fileLevels.length - 1];
    root = FileLayout.fileRoot(length, treeRoot);
  }

  /** Builds the tree over {@code data}; the array is not copied and must not change afterwards. */
  public static MerkleFile of(byte[] data) {
    return new MerkleFile(data);
  }

  /** The file root (the file's identity) of {@code data}. */
  public static Bytes32 root(byte[] data) {
    return new MerkleFile(data).root;
  }

  public Bytes32 root() {
    return root;
  }

  public long length() {
    return data.length;
  }

  public long sectorCount() {
    return FileLayout.sectorCount(data.length);
  }

  /** Root of segment {@code s}. */
  public Bytes32 segmentRoot(int s) {
    byte[][] lv = segmentLevels[s];
    return Bytes32.of32(lv[lv.length - 1]);
  }

  /** The 256-byte sector {@code index}, zero-padded past the end of the file. */
  public byte[] sector(long index) {
    checkSector(index);
    int off = (int) (index * FileLayout.SECTOR_SIZE);
    return Arrays.copyOfRange(data, off, off + FileLayout.SECTOR_SIZE);
  }

  /** Proof that {@link #sector(long) sector(index)} belongs to this file. */
  public SectorProof prove(long index) {
    checkSector(index);
    int segment = (int) (index / FileLayout.SECTORS_PER_SEGMENT);
    int inSegment = (int) (index % FileLayout.SECTORS_PER_SEGMENT);
    return new SectorProof(
        index, path(segmentLevels[segment], inSegment), path(fileLevels, segment));
  }

  private void checkSector(long index) {
    if (index < 0 || index >= sectorCount()) {
      throw new IllegalArgumentException(
          "sector " + index + " out of range; the file has " + sectorCount());
    }
  }

  private static List<Bytes32> path(byte[][] levels, int pos) {
    List<Bytes32> out = new ArrayList<>(levels.length - 1);
    for (int l = 0; l < levels.length - 1; l++) {
      int sibling = pos ^ 1;
      byte[] level = levels[l];
      out.add(
          sibling * 32 < level.length
              ? Bytes32.wrap32(Arrays.copyOfRange(level, sibling * 32, sibling * 32 + 32))
              : FileLayout.ZERO_HASH);
      pos >>>= 1;
    }
    return out;
  }

  /**
   * All levels of the tree over {@code leaves} (n * 32 bytes, n >= 1); an unpaired last node pairs
   * with zero.
   */
  private static byte[][] levels(byte[] leaves, byte[] scratch) {
    int n = leaves.length / 32;
    byte[][] out = new byte[FileLayout.depth(n) + 1][];
    out[0] = leaves;
    byte[] zero = new byte[32];
    for (int l = 1; l < out.length; l++) {
      byte[] prev = out[l - 1];
      int pn = prev.length / 32;
      int nn = (pn + 1) / 2;
      byte[] next = new byte[nn * 32];
      for (int i = 0; i < nn; i++) {
        int left = 2 * i * 32;
        if (2 * i + 1 < pn) FileLayout.nodeHash(prev, left, prev, left + 32, scratch, next, i * 32);
        else FileLayout.nodeHash(prev, left, zero, 0, scratch, next, i * 32);
      }
      out[l] = next;
    }
    return out;
  }
}
