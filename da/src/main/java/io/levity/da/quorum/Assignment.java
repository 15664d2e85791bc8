package io.levity.da.quorum;

import io.levity.core.bytes.Bytes32;
import io.levity.da.encoding.CellId;
import java.util.List;

/**
 * Which member holds each cell of a blob. Per piece, the 128 cells are shared out in proportion to
 * stake (largest remainder, ties to the lower index), then dealt by a permutation of the cell
 * indices seeded by {@code keccak256(epoch seed || blob id || uint32_be(piece))}: stake-weighted,
 * and no node picks its cells. A set of members with a third of the stake holds about a third of
 * each piece's cells (within one cell per member), so the two thirds that sign hold more than the
 * half that recovers it.
 */
@SuppressWarnings("DoNotCallSuggester") // skeleton until the helper lands; remove then
public final class Assignment {
  /** Computes the assignment of {@code blobId}'s {@code pieces} pieces in {@code quorum}. */
  public static Assignment of(Quorum quorum, Bytes32 blobId, int pieces) {
    throw new UnsupportedOperationException("TODO(encoding helper)");
  }

  /** The member holding {@code cell}. */
  public QuorumMember holder(CellId cell) {
    throw new UnsupportedOperationException("TODO(encoding helper)");
  }

  /** The cells {@code member} holds (by registration index), sorted. */
  public List<CellId> cellsOf(int memberIndex) {
    throw new UnsupportedOperationException("TODO(encoding helper)");
  }
}
