package io.levity.da.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellVerifierTest {
  private final EncodedBlob blob = TestBlobs.encoded(BlobLayout.PIECE_PAYLOAD + 1);

  @Test
  void allCellsOfAnEncodingHold() {
    assertThat(CellVerifier.invalid(blob.header(), TestBlobs.all(blob))).isEmpty();
    assertThat(CellVerifier.invalid(blob.header(), List.of())).isEmpty();
  }

  @Test
  void namesACellWithAFlippedBit() {
    List<Cell> cells = TestBlobs.all(blob);
    int at = cells.indexOf(blob.cell(new CellId(1, 37)));
    cells.set(at, flipped(cells.get(at), 100));

    assertThat(CellVerifier.invalid(blob.header(), cells)).containsExactly(new CellId(1, 37));
  }

  @Test
  void namesCellsCarryingAnotherCellsProofInInputOrder() {
    List<Cell> cells = new ArrayList<>(TestBlobs.all(blob));
    Cell c5 = blob.cell(new CellId(0, 5));
    cells.set(5, new Cell(c5.id(), c5.data(), blob.cell(new CellId(0, 6)).proof()));
    Cell c200 = cells.get(200);
    cells.set(200, new Cell(c200.id(), c200.data(), blob.cell(new CellId(0, 72)).proof()));
    cells.add(0, flipped(blob.cell(new CellId(0, 127)), 2047));

    assertThat(CellVerifier.invalid(blob.header(), cells))
        .containsExactly(new CellId(0, 127), new CellId(0, 5), c200.id());
  }

  @Test
  void namesACellMovedToAnotherIndexOrPiece() {
    Cell c = blob.cell(new CellId(0, 9));
    Cell moved = new Cell(new CellId(0, 10), c.data(), c.proof());
    Cell otherPiece = new Cell(new CellId(1, 9), c.data(), c.proof());

    assertThat(CellVerifier.invalid(blob.header(), List.of(c, moved, otherPiece)))
        .containsExactly(moved.id(), otherPiece.id());
  }

  @Test
  void namesACellOfAPieceNotInTheHeaderAndAMalformedProof() {
    Cell c = blob.cell(new CellId(1, 3));
    Cell beyond = new Cell(new CellId(2, 3), c.data(), c.proof());
    byte[] junk = new byte[BlobLayout.G1_BYTES];
    Arrays.fill(junk, (byte) 0xff);
    Cell malformed =
        new Cell(new CellId(1, 4), blob.cell(new CellId(1, 4)).data(), Bytes.wrap(junk));

    assertThat(CellVerifier.invalid(blob.header(), List.of(beyond, c, malformed)))
        .containsExactly(beyond.id(), malformed.id());
  }

  /**
   * {@code cell} with the low bit of byte {@code at} flipped (never a top byte: still canonical).
   */
  static Cell flipped(Cell cell, int at) {
    byte[] data = cell.data().toArray();
    data[at] ^= 1;
    return new Cell(cell.id(), Bytes.wrap(data), cell.proof());
  }
}
