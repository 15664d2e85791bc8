package io.levity.storage.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MerkleFileTest {
  /** The test-vector file of {@code n} bytes: byte i is i mod 251 (docs/storage.md). */
  static byte[] vectorFile(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) (i % 251);
    return b;
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0xf28d766e14bfa9767b97ce2a50d9b632eb10ef9c4aa085943ece3a4fcd5ef287",
    "1, 0x8d2c63677cf14fa1e16150b0fb9919effc660c20563102726ec707a2e1a4730e",
    "256, 0xfbc8dc15a6636061a0c0ad091fe8c27574ace0e00c17303f9d565f8ae5be8e2b",
    "257, 0x0d6aa18e71cb181abf469e94c32716007246831ae6c08c95a7dae80b0c032104",
    "262144, 0xd6c9602af96e0e1237fa5d282f74083da9898bef676356d7360714ef4e235b5a",
    "262145, 0x074f867f6fc500e5da345c84d80c038bc9fa00c17978a59c2150041c1766ff2d",
  })
  void testVectorsAreLocked(int length, String expectedHex) {
    assertThat(MerkleFile.root(vectorFile(length)).toHex()).isEqualTo(expectedHex);
  }

  @Test
  void emptyFileRootIsTheDocumentedConstant() {
    byte[] in = new byte[41];
    in[0] = 0x02;
    assertThat(MerkleFile.root(new byte[0]))
        .isEqualTo(Keccak.hash(in))
        .isEqualTo(FileLayout.emptyFileRoot());
    assertThat(MerkleFile.of(new byte[0]).sectorCount()).isZero();
  }

  @Test
  void oneSectorFileRootIsLeafUnderFileTag() {
    byte[] data = {1, 2, 3};
    byte[] leafIn = new byte[257];
    leafIn[1] = 1;
    leafIn[2] = 2;
    leafIn[3] = 3;
    byte[] leaf = Keccak.hash256(leafIn);
    byte[] fileIn = new byte[41];
    fileIn[0] = 0x02;
    fileIn[8] = 3;
    System.arraycopy(leaf, 0, fileIn, 9, 32);
    assertThat(MerkleFile.root(data)).isEqualTo(Keccak.hash(fileIn));
  }

  @Test
  void lengthIsCommittedSoTrailingZerosChangeTheRoot() {
    assertThat(MerkleFile.root(new byte[1])).isNotEqualTo(MerkleFile.root(new byte[256]));
    assertThat(MerkleFile.root(new byte[255])).isNotEqualTo(MerkleFile.root(new byte[256]));
    assertThat(MerkleFile.root(new byte[0])).isNotEqualTo(MerkleFile.root(new byte[1]));
  }

  @ParameterizedTest
  @ValueSource(
      ints = {
        1,
        2,
        255,
        256,
        257,
        767,
        1025,
        3 * 256,
        5 * 256 + 7,
        262143,
        262144,
        262145,
        2 * 262144 + 5 * 256 + 1,
        3 * 262144
      })
  void rootMatchesIndependentReference(int length) {
    byte[] data = vectorFile(length);
    assertThat(MerkleFile.root(data)).isEqualTo(referenceRoot(data));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 256, 257, 3 * 256 + 1, 262144, 262145, 2 * 262144 + 5 * 256 + 1})
  void everySectorProofVerifies(int length) {
    byte[] data = vectorFile(length);
    MerkleFile f = MerkleFile.of(data);
    for (long i = 0; i < f.sectorCount(); i++) {
      SectorProof p = f.prove(i);
      assertThat(SectorProofVerifier.verify(f.root(), length, f.sector(i), p))
          .as("sector %d", i)
          .isTrue();
    }
  }

  @Test
  void proofPathLengthsFollowTheLayout() {
    MerkleFile f = MerkleFile.of(vectorFile(2 * 262144 + 5 * 256 + 1));
    SectorProof inFull = f.prove(3);
    assertThat(inFull.segmentPath()).hasSize(10);
    assertThat(inFull.filePath()).hasSize(2);
    SectorProof inLast = f.prove(2048 + 5);
    assertThat(inLast.segmentPath()).hasSize(3); // 6 sectors in the last segment
    assertThat(inLast.segmentPath().get(0))
        .isNotEqualTo(FileLayout.ZERO_HASH); // sector 5 of 6 pairs with 4
    assertThat(inLast.segmentPath().get(1))
        .isEqualTo(FileLayout.ZERO_HASH); // node 2 of 3 on level 1 is unpaired
    assertThat(inLast.filePath().get(0))
        .isEqualTo(FileLayout.ZERO_HASH); // segment 2 of 3 is unpaired
  }

  @Test
  void tamperedInputsAreRejected() {
    int length = 262145 + 1000;
    byte[] data = vectorFile(length);
    MerkleFile f = MerkleFile.of(data);
    long idx = 1026; // sector 2 of the 4 in the second segment
    SectorProof p = f.prove(idx);
    byte[] sector = f.sector(idx);
    Bytes32 root = f.root();
    assertThat(SectorProofVerifier.verify(root, length, sector, p)).isTrue();

    byte[] flipped = sector.clone();
    flipped[17] ^= 1;
    assertThat(SectorProofVerifier.verify(root, length, flipped, p)).isFalse();
    assertThat(SectorProofVerifier.verify(root, length + 1, sector, p)).isFalse();
    assertThat(SectorProofVerifier.verify(root, length, f.sector(idx + 1), p)).isFalse();
    assertThat(
            SectorProofVerifier.verify(
                root, length, sector, new SectorProof(idx + 1, p.segmentPath(), p.filePath())))
        .isFalse();
    List<Bytes32> seg = new ArrayList<>(p.segmentPath());
    seg.set(1, Bytes32.ZERO);
    assertThat(
            SectorProofVerifier.verify(
                root, length, sector, new SectorProof(idx, seg, p.filePath())))
        .isFalse();
    List<Bytes32> longer = new ArrayList<>(p.filePath());
    longer.add(Bytes32.ZERO);
    assertThat(
            SectorProofVerifier.verify(
                root, length, sector, new SectorProof(idx, p.segmentPath(), longer)))
        .isFalse();
    assertThat(SectorProofVerifier.verify(root, length, Arrays.copyOf(sector, 255), p)).isFalse();
    assertThat(
            SectorProofVerifier.verify(
                root, length, sector, new SectorProof(100_000, p.segmentPath(), p.filePath())))
        .isFalse();
  }

  @Test
  void nonZeroPaddingInTheLastSectorIsRejected() {
    byte[] data = vectorFile(300);
    MerkleFile f = MerkleFile.of(data);
    byte[] last = f.sector(1);
    assertThat(SectorProofVerifier.verify(f.root(), 300, last, f.prove(1))).isTrue();
    last[255] = 9;
    assertThat(SectorProofVerifier.verify(f.root(), 300, last, f.prove(1))).isFalse();
  }

  @Test
  void outOfRangeSectorsAreRefused() {
    MerkleFile f = MerkleFile.of(vectorFile(257));
    assertThatThrownBy(() -> f.prove(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2");
    assertThatThrownBy(() -> MerkleFile.of(new byte[0]).prove(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void layoutArithmetic() {
    assertThat(FileLayout.sectorCount(0)).isZero();
    assertThat(FileLayout.sectorCount(1)).isEqualTo(1);
    assertThat(FileLayout.sectorCount(256)).isEqualTo(1);
    assertThat(FileLayout.sectorCount(257)).isEqualTo(2);
    assertThat(FileLayout.segmentCount(262144)).isEqualTo(1);
    assertThat(FileLayout.segmentCount(262145)).isEqualTo(2);
    assertThat(FileLayout.sectorsInSegment(262145, 1)).isEqualTo(1);
    assertThat(FileLayout.depth(1)).isZero();
    assertThat(FileLayout.depth(2)).isEqualTo(1);
    assertThat(FileLayout.depth(3)).isEqualTo(2);
    assertThat(FileLayout.depth(1024)).isEqualTo(10);
    assertThat(FileLayout.depth(1025)).isEqualTo(11);
  }

  // ---- an independent, allocation-happy reference written straight from the spec in
  // docs/storage.md ----

  private static Bytes32 referenceRoot(byte[] data) {
    List<byte[]> segmentRoots = new ArrayList<>();
    for (int segOff = 0; segOff < data.length; segOff += 262144) {
      List<byte[]> leaves = new ArrayList<>();
      for (int s = segOff; s < Math.min(data.length, segOff + 262144); s += 256) {
        byte[] sector = Arrays.copyOfRange(data, s, s + 256); // zero-pads past the end
        leaves.add(Keccak.hash256(concat(new byte[] {0}, sector)));
      }
      segmentRoots.add(reduce(leaves));
    }
    byte[] top = segmentRoots.isEmpty() ? new byte[32] : reduce(segmentRoots);
    byte[] len = new byte[8];
    for (int i = 0; i < 8; i++) len[i] = (byte) ((long) data.length >>> (56 - 8 * i));
    return Bytes32.wrap32(Keccak.hash256(concat(new byte[] {2}, concat(len, top))));
  }

  private static byte[] reduce(List<byte[]> level) {
    while (level.size() > 1) {
      List<byte[]> next = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) {
        byte[] right = i + 1 < level.size() ? level.get(i + 1) : new byte[32];
        next.add(Keccak.hash256(concat(new byte[] {1}, concat(level.get(i), right))));
      }
      level = next;
    }
    return level.get(0);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
