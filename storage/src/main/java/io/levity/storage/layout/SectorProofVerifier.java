package io.levity.storage.layout;

import io.levity.core.bytes.Bytes32;
import java.util.List;

/** Checks a {@link SectorProof} against a file root and the file's length. Stateless. */
public final class SectorProofVerifier {
  private SectorProofVerifier() {}

  /**
   * True when {@code sector} (exactly 256 bytes, zero-padded past the end of the file) is sector
   * {@code proof.sectorIndex()} of the file with root {@code fileRoot} and length {@code
   * fileLength}. Proofs whose path lengths differ from those the length implies are rejected, as
   * are out-of-range indexes.
   */
  public static boolean verify(
      Bytes32 fileRoot, long fileLength, byte[] sector, SectorProof proof) {
    if (sector.length != FileLayout.SECTOR_SIZE || fileLength < 0) return false;
    long index = proof.sectorIndex();
    if (index >= FileLayout.sectorCount(fileLength)) return false;
    long segment = index / FileLayout.SECTORS_PER_SEGMENT;
    int inSegment = (int) (index % FileLayout.SECTORS_PER_SEGMENT);
    if (proof.segmentPath().size()
        != FileLayout.depth(FileLayout.sectorsInSegment(fileLength, segment))) return false;
    if (proof.filePath().size() != FileLayout.depth(FileLayout.segmentCount(fileLength)))
      return false;
    // Bytes past the file's end must be zero: the padding is part of the rule, not free space.
    long end = fileLength - index * FileLayout.SECTOR_SIZE;
    for (long i = Math.max(0, end); i < FileLayout.SECTOR_SIZE; i++)
      if (sector[(int) i] != 0) return false;

    byte[] scratch = new byte[1 + FileLayout.SECTOR_SIZE];
    byte[] node = new byte[32];
    FileLayout.leafHash(sector, 0, FileLayout.SECTOR_SIZE, scratch, node, 0);
    climb(node, inSegment, proof.segmentPath(), scratch);
    climb(node, segment, proof.filePath(), scratch);
    return FileLayout.fileRoot(fileLength, node).equals(fileRoot);
  }

  private static void climb(byte[] node, long pos, List<Bytes32> path, byte[] scratch) {
    for (Bytes32 sib : path) {
      byte[] s = sib.unsafeArray();
      if ((pos & 1) == 0) FileLayout.nodeHash(node, 0, s, 0, scratch, node, 0);
      else FileLayout.nodeHash(s, 0, node, 0, scratch, node, 0);
      pos >>>= 1;
    }
  }
}
