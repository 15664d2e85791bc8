package io.levity.da.encoding;

import static io.levity.da.encoding.BlobLayout.CELLS_PER_PIECE;
import static io.levity.da.encoding.BlobLayout.CELLS_TO_RECOVER;
import static io.levity.da.encoding.BlobLayout.CELL_BYTES;

import ethereum.ckzg4844.CKZG4844JNI;
import io.levity.core.crypto.KzgSetup;
import java.util.Collection;

/**
 * Rebuilds a blob from any half of each piece's cells. Per piece: when its first 64 cells (the
 * piece's own bytes, see {@link BlobEncoder}) are all present they are used as they are; otherwise
 * c-kzg's {@code recover_cells_and_kzg_proofs} rebuilds them from the 64 present cells of lowest
 * index. Then each element's zero top byte is dropped and the blob trimmed to its length; a nonzero
 * top byte or nonzero padding past the end means the commitment is not to a blob this encoding
 * made, and is refused.
 */
public final class BlobDecoder {
  private BlobDecoder() {}

  /**
   * The blob's bytes from {@code cells}, which the caller has verified (see {@link CellVerifier}).
   * Each piece needs 64 distinct cells; the rest may be missing. Duplicates are ignored.
   *
   * @throws IllegalArgumentException naming the first piece with fewer than 64 cells
   */
  public static byte[] decode(BlobHeader header, Collection<Cell> cells) {
    int pieces = header.pieceCount();
    Cell[][] byPiece = new Cell[pieces][CELLS_PER_PIECE];
    int[] present = new int[pieces];
    for (Cell c : cells) {
      CellId id = c.id();
      if (id.piece() >= pieces) {
        throw new IllegalArgumentException(
            "cell " + id + " is not in the blob, which has " + pieces + " pieces");
      }
      if (byPiece[id.piece()][id.index()] == null) {
        byPiece[id.piece()][id.index()] = c;
        present[id.piece()]++;
      }
    }
    for (int p = 0; p < pieces; p++) {
      if (present[p] < CELLS_TO_RECOVER) {
        throw new IllegalArgumentException(
            "piece "
                + p
                + " has "
                + present[p]
                + " distinct cells; it needs "
                + CELLS_TO_RECOVER
                + " to recover");
      }
    }
    if (header.length() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("blob length " + header.length() + " does not fit");
    }
    byte[] out = new byte[(int) header.length()];
    for (int p = 0; p < pieces; p++) PieceBytes.unpack(pieceBytes(byPiece[p]), p, out);
    return out;
  }

  /** The piece's 131,072 bytes: its first 64 cells, recovered when any is missing. */
  private static byte[] pieceBytes(Cell[] cells) {
    byte[] piece = new byte[CELLS_TO_RECOVER * CELL_BYTES];
    boolean systematic = true;
    for (int i = 0; i < CELLS_TO_RECOVER && systematic; i++) systematic = cells[i] != null;
    if (systematic) {
      for (int i = 0; i < CELLS_TO_RECOVER; i++) {
        System.arraycopy(cells[i].data().unsafeArray(), 0, piece, i * CELL_BYTES, CELL_BYTES);
      }
      return piece;
    }
    long[] indices = new long[CELLS_TO_RECOVER];
    byte[] given = new byte[CELLS_TO_RECOVER * CELL_BYTES];
    for (int i = 0, k = 0; k < CELLS_TO_RECOVER; i++) {
      if (cells[i] == null) continue;
      indices[k] = i;
      System.arraycopy(cells[i].data().unsafeArray(), 0, given, k * CELL_BYTES, CELL_BYTES);
      k++;
    }
    KzgSetup.ensureLoaded();
    byte[] all = CKZG4844JNI.recoverCellsAndKzgProofs(indices, given).getCells();
    System.arraycopy(all, 0, piece, 0, piece.length);
    return piece;
  }
}
