package io.levity.da.encoding;

import java.util.Collection;

/** Rebuilds a blob from any half of each piece's cells. */
@SuppressWarnings("DoNotCallSuggester") // skeleton until the helper lands; remove then
public final class BlobDecoder {
  private BlobDecoder() {}

  /**
   * The blob's bytes from {@code cells}, which the caller has verified (see {@link CellVerifier}).
   * Each piece needs 64 distinct cells; the rest may be missing. Duplicates are ignored.
   *
   * @throws IllegalArgumentException naming the first piece with fewer than 64 cells
   */
  public static byte[] decode(BlobHeader header, Collection<Cell> cells) {
    throw new UnsupportedOperationException("TODO(encoding helper)");
  }
}
