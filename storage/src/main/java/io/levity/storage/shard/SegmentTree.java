package io.levity.storage.shard;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.layout.FileLayout;
import io.levity.storage.layout.MerkleFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The upper part of the layout's tree (docs/storage.md, "Hashes"): a file root computed from
 * segment roots, so files and shards can be hashed one segment at a time without holding them in
 * memory, and the file path of a sector proof from stored segment roots. Agrees with {@link
 * MerkleFile} (checked by SegmentTreeTest).
 */
public final class SegmentTree {
  private SegmentTree() {}

  /**
   * Root of the segment made of {@code data[0, len)}, 1 <= len <= 262144 (a short segment, as a
   * file's last).
   */
  public static Bytes32 segmentRoot(byte[] data, int len) {
    if (len < 1 || len > FileLayout.SEGMENT_SIZE || len > data.length) {
      throw new IllegalArgumentException(
          "segment length " + len + " not in 1.." + FileLayout.SEGMENT_SIZE);
    }
    byte[] exact = len == data.length ? data : Arrays.copyOf(data, len);
    return MerkleFile.of(exact).segmentRoot(0);
  }

  /**
   * The file root of a file of {@code length} bytes whose segment roots are {@code segmentRoots},
   * in order.
   */
  public static Bytes32 fileRoot(long length, List<Bytes32> segmentRoots) {
    long expected = FileLayout.segmentCount(length);
    if (segmentRoots.size() != expected) {
      throw new IllegalArgumentException(
          segmentRoots.size()
              + " segment roots for a file of "
              + length
              + " bytes, which has "
              + expected
              + " segments");
    }
    byte[] tree =
        segmentRoots.isEmpty() ? new byte[32] : levels(segmentRoots).getLast().getFirst().toArray();
    return FileLayout.fileRoot(length, tree);
  }

  /**
   * Siblings from segment {@code segment}'s root up to the tree root (the {@code filePath} of a
   * sector proof).
   */
  public static List<Bytes32> path(List<Bytes32> segmentRoots, int segment) {
    if (segment < 0 || segment >= segmentRoots.size()) {
      throw new IllegalArgumentException(
          "segment " + segment + " out of range 0.." + (segmentRoots.size() - 1));
    }
    List<List<Bytes32>> levels = levels(segmentRoots);
    List<Bytes32> out = new ArrayList<>(levels.size() - 1);
    int pos = segment;
    for (int l = 0; l < levels.size() - 1; l++) {
      List<Bytes32> level = levels.get(l);
      int sibling = pos ^ 1;
      out.add(sibling < level.size() ? level.get(sibling) : FileLayout.ZERO_HASH);
      pos >>>= 1;
    }
    return out;
  }

  /**
   * Every level of the tree over {@code leaves} (non-empty); an unpaired last node pairs with the
   * zero hash.
   */
  private static List<List<Bytes32>> levels(List<Bytes32> leaves) {
    List<List<Bytes32>> out = new ArrayList<>();
    out.add(List.copyOf(leaves));
    byte[] scratch = new byte[65];
    while (out.getLast().size() > 1) {
      List<Bytes32> prev = out.getLast();
      List<Bytes32> next = new ArrayList<>((prev.size() + 1) / 2);
      for (int i = 0; i < prev.size(); i += 2) {
        byte[] right =
            i + 1 < prev.size()
                ? prev.get(i + 1).unsafeArray()
                : FileLayout.ZERO_HASH.unsafeArray();
        byte[] node = new byte[32];
        FileLayout.nodeHash(prev.get(i).unsafeArray(), 0, right, 0, scratch, node, 0);
        next.add(Bytes32.wrap32(node));
      }
      out.add(next);
    }
    return out;
  }
}
