package io.levity.da.encoding;

/**
 * Where a cell sits: its piece and its index among the piece's 128 extended cells.
 *
 * @param piece the piece, from 0
 * @param index the cell, 0 to 127
 */
public record CellId(int piece, int index) implements Comparable<CellId> {
  /** Checks the ranges against nothing but the layout (the piece count is the header's). */
  public CellId {
    if (piece < 0) throw new IllegalArgumentException("piece " + piece + " is negative");
    if (index < 0 || index >= BlobLayout.CELLS_PER_PIECE) {
      throw new IllegalArgumentException(
          "cell index " + index + " is not in [0, " + BlobLayout.CELLS_PER_PIECE + ")");
    }
  }

  @Override
  public int compareTo(CellId o) {
    return piece != o.piece ? Integer.compare(piece, o.piece) : Integer.compare(index, o.index);
  }

  @Override
  public String toString() {
    return piece + ":" + index;
  }
}
