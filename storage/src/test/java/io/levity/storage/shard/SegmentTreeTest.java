package io.levity.storage.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.layout.FileLayout;
import io.levity.storage.layout.MerkleFile;
import io.levity.storage.layout.SectorProof;
import io.levity.storage.layout.SectorProofVerifier;
import java.util.Collections;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hashing one segment at a time gives the same roots and proofs as {@link MerkleFile} over the
 * whole file.
 */
class SegmentTreeTest {
  static final int SEG = FileLayout.SEGMENT_SIZE;

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 255, 256, 257, SEG - 1, SEG, SEG + 1, 3 * SEG, 5 * SEG + 300})
  void streamingRootEqualsMerkleFileRoot(int length) throws Exception {
    byte[] data = new byte[length];
    new Random(length).nextBytes(data);
    SegmentHasher h = new SegmentHasher();
    // odd chunk sizes cross segment boundaries
    for (int off = 0; off < length; off += 70_001)
      h.update(data, off, Math.min(70_001, length - off));
    assertThat(h.finish()).isEqualTo(MerkleFile.root(data));
    assertThat(h.length()).isEqualTo(length);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 8})
  void filePathFromSegmentRootsMatchesMerkleFileProofs(int segments) throws Exception {
    byte[] data = new byte[segments * SEG];
    new Random(segments).nextBytes(data);
    SegmentHasher h = new SegmentHasher();
    h.update(data, 0, data.length);
    Bytes32 root = h.finish();
    MerkleFile mf = MerkleFile.of(data);
    for (int s = 0; s < segments; s++) {
      long sector = (long) s * FileLayout.SECTORS_PER_SEGMENT + 17;
      SectorProof reference = mf.prove(sector);
      assertThat(SegmentTree.path(h.segmentRoots(), s)).isEqualTo(reference.filePath());
      assertThat(SectorProofVerifier.verify(root, data.length, mf.sector(sector), reference))
          .isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2})
  void wrongSegmentCountIsRejected(int roots) {
    assertThatThrownBy(() -> SegmentTree.fileRoot(SEG, Collections.nCopies(roots, Bytes32.ZERO)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("which has 1 segments");
  }
}
