package io.levity.da.encoding;

import java.util.List;

/**
 * A blob encoded: its header and, per piece, its 128 cells with proofs in index order.
 *
 * @param header the header (length and commitments)
 * @param pieces {@code pieces.get(p).get(i)} is the cell {@code p:i}
 */
public record EncodedBlob(BlobHeader header, List<List<Cell>> pieces) {
  /** The cell at {@code id}. */
  public Cell cell(CellId id) {
    return pieces.get(id.piece()).get(id.index());
  }
}
