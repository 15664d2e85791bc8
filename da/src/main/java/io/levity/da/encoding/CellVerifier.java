package io.levity.da.encoding;

import java.util.List;

/** Checks cells' KZG proofs against a header's commitments. */
@SuppressWarnings("DoNotCallSuggester") // skeleton until the helper lands; remove then
public final class CellVerifier {
  private CellVerifier() {}

  /**
   * The ids of the cells in {@code cells} whose proof does not hold against {@code header} (or
   * whose piece is not in it), in input order; empty when all hold. One batch check when all are
   * good; on failure, cell by cell to name the bad ones.
   */
  public static List<CellId> invalid(BlobHeader header, List<Cell> cells) {
    throw new UnsupportedOperationException("TODO(encoding helper)");
  }
}
