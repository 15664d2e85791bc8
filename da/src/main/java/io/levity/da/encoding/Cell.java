package io.levity.da.encoding;

import io.levity.core.bytes.Bytes;

/**
 * One extended cell with its KZG proof against its piece's commitment.
 *
 * @param id where it sits
 * @param data 2048 bytes
 * @param proof 48 bytes
 */
public record Cell(CellId id, Bytes data, Bytes proof) {
  /** Checks the sizes. */
  public Cell {
    if (data.size() != BlobLayout.CELL_BYTES) {
      throw new IllegalArgumentException("cell " + id + " has " + data.size() + " bytes, not 2048");
    }
    if (proof.size() != BlobLayout.G1_BYTES) {
      throw new IllegalArgumentException(
          "cell " + id + " proof has " + proof.size() + " bytes, not 48");
    }
  }
}
