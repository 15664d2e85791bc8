package io.levity.storage.layout;

import io.levity.core.bytes.Bytes32;
import java.util.List;

/**
 * Proof that a 256-byte sector belongs to a file: the sibling hashes from the sector's leaf up to
 * its segment root ({@code segmentPath}, leaf level first) and from that segment root up to the
 * file's tree root ({@code filePath}). Path lengths are fixed by the file length, so a verifier
 * rejects any other length.
 */
public record SectorProof(long sectorIndex, List<Bytes32> segmentPath, List<Bytes32> filePath) {
  public SectorProof {
    if (sectorIndex < 0)
      throw new IllegalArgumentException("negative sector index: " + sectorIndex);
    segmentPath = List.copyOf(segmentPath);
    filePath = List.copyOf(filePath);
  }
}
