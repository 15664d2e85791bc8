package io.levity.da.encoding;

import static io.levity.da.encoding.BlobLayout.CELLS_PER_PIECE;
import static io.levity.da.encoding.BlobLayout.DEFAULT_MAX_BLOB;
import static io.levity.da.encoding.BlobLayout.PIECE_PAYLOAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ethereum.ckzg4844.CKZG4844JNI;
import ethereum.ckzg4844.CellsAndProofs;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.KzgSetup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobCodecTest {
  @ParameterizedTest
  @ValueSource(ints = {0, 1, PIECE_PAYLOAD - 1, PIECE_PAYLOAD, PIECE_PAYLOAD + 1, TestBlobs.FEW_MB})
  void roundTripsFromAllCells(int size) {
    EncodedBlob blob = TestBlobs.encoded(size);

    assertThat(blob.header().length()).isEqualTo(size);
    assertThat(blob.header().pieceCount()).isEqualTo(BlobLayout.pieceCount(size));
    assertThat(blob.pieces())
        .hasSize(blob.header().pieceCount())
        .allSatisfy(p -> assertThat(p).hasSize(128));
    assertThat(BlobDecoder.decode(blob.header(), TestBlobs.all(blob)))
        .isEqualTo(TestBlobs.data(size));
  }

  @Test
  void theFirstHalfOfAPiecesCellsIsThePieceItself() {
    byte[] data = TestBlobs.data(PIECE_PAYLOAD + 1);
    EncodedBlob blob = TestBlobs.encoded(data.length);
    // element 0 of piece 1 is 0x00 || the blob's last byte, then zeros
    Bytes first = blob.cell(new CellId(1, 0)).data();
    assertThat(first.get(0)).isZero();
    assertThat(first.get(1)).isEqualTo(data[data.length - 1]);
    assertThat(first.slice(2).isZero()).isTrue();
    assertThat(blob.cell(new CellId(0, 0)).data().slice(1, 31)).isEqualTo(Bytes.wrap(data, 0, 31));
  }

  @Test
  void oneThreadAndTwoGiveTheSameEncoding() {
    byte[] data = TestBlobs.data(2 * PIECE_PAYLOAD + 5);
    EncodedBlob one = BlobEncoder.encode(data, DEFAULT_MAX_BLOB, 1);

    assertThat(BlobEncoder.encode(data, DEFAULT_MAX_BLOB, 2)).isEqualTo(one);
    assertThat(one.header().pieceCount()).isEqualTo(3);
  }

  @Test
  void refusesABlobPastTheLimit() {
    assertThatThrownBy(() -> BlobEncoder.encode(new byte[11], 10, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("11 bytes")
        .hasMessageContaining("10");
  }

  @Test
  void recoversFromARandomHalfOfEachPiece() {
    EncodedBlob blob = TestBlobs.encoded(TestBlobs.FEW_MB);
    Random random = new Random(7);
    List<Cell> half = new ArrayList<>();
    for (List<Cell> piece : blob.pieces()) {
      List<Cell> shuffled = new ArrayList<>(piece);
      Collections.shuffle(shuffled, random);
      half.addAll(shuffled.subList(0, 64));
    }
    Collections.shuffle(half, random);

    assertThat(BlobDecoder.decode(blob.header(), half)).isEqualTo(TestBlobs.data(TestBlobs.FEW_MB));
  }

  @Test
  void recoversFromExactly64CellsNoneOfThemThePieceItself() {
    EncodedBlob blob = TestBlobs.encoded(PIECE_PAYLOAD + 1);
    List<Cell> extension = new ArrayList<>();
    for (List<Cell> piece : blob.pieces()) extension.addAll(piece.subList(64, CELLS_PER_PIECE));
    // duplicates do not count twice, and do no harm
    extension.addAll(blob.pieces().get(1).subList(100, 110));

    assertThat(BlobDecoder.decode(blob.header(), extension))
        .isEqualTo(TestBlobs.data(PIECE_PAYLOAD + 1));
  }

  @Test
  void namesThePieceWith63Cells() {
    EncodedBlob blob = TestBlobs.encoded(PIECE_PAYLOAD + 1);
    List<Cell> cells = new ArrayList<>(blob.pieces().get(0));
    List<Cell> piece1 = blob.pieces().get(1);
    for (int i = 1; i < CELLS_PER_PIECE; i += 2) cells.add(piece1.get(i));
    cells.remove(piece1.get(127));
    cells.add(piece1.get(3)); // a duplicate is not a 64th cell

    assertThatThrownBy(() -> BlobDecoder.decode(blob.header(), cells))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("piece 1 has 63 distinct cells");
  }

  @Test
  void refusesACellOfAPieceTheBlobDoesNotHave() {
    EncodedBlob blob = TestBlobs.encoded(1);
    List<Cell> cells = new ArrayList<>(TestBlobs.all(blob));
    Cell stray = blob.cell(new CellId(0, 5));
    cells.add(new Cell(new CellId(1, 5), stray.data(), stray.proof()));

    assertThatThrownBy(() -> BlobDecoder.decode(blob.header(), cells))
        .hasMessageContaining("cell 1:5 is not in the blob");
  }

  @Test
  void refusesAPieceThisEncodingCouldNotHaveMade() {
    KzgSetup.ensureLoaded();
    byte[] piece = new byte[BlobLayout.PIECE_BYTES];
    piece[5 * 32] = 1; // element 5's top byte: still below the modulus, so c-kzg takes it
    BlobHeader header =
        new BlobHeader(10, List.of(Bytes.wrap(CKZG4844JNI.blobToKzgCommitment(piece))));
    CellsAndProofs cp = CKZG4844JNI.computeCellsAndKzgProofs(piece);
    List<Cell> cells = BlobEncoder.cells(0, cp.getCells(), cp.getProofs());
    assertThat(CellVerifier.invalid(header, cells)).isEmpty();

    assertThatThrownBy(() -> BlobDecoder.decode(header, cells))
        .hasMessageContaining("piece 0 element 5 has a nonzero top byte");
    piece[5 * 32] = 0;
    piece[40] = 9; // element 1: past the blob's 10 bytes
    CellsAndProofs padded = CKZG4844JNI.computeCellsAndKzgProofs(piece);
    BlobHeader paddedHeader =
        new BlobHeader(10, List.of(Bytes.wrap(CKZG4844JNI.blobToKzgCommitment(piece))));
    assertThatThrownBy(
            () ->
                BlobDecoder.decode(
                    paddedHeader, BlobEncoder.cells(0, padded.getCells(), padded.getProofs())))
        .hasMessageContaining("nonzero padding");
  }
}
