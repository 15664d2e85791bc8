package io.levity.da.encoding;

/** The sizes of the encoding (EIP-4844 blobs, EIP-7594 cells). */
public final class BlobLayout {
  /** Field elements in one piece (one EIP-4844 blob). */
  public static final int ELEMENTS_PER_PIECE = 4096;

  /** Payload bytes per field element: the first of its 32 bytes is always zero. */
  public static final int PAYLOAD_PER_ELEMENT = 31;

  /** Payload bytes one piece carries: 126,976. */
  public static final int PIECE_PAYLOAD = ELEMENTS_PER_PIECE * PAYLOAD_PER_ELEMENT;

  /** Bytes of one piece as c-kzg sees it (131,072). */
  public static final int PIECE_BYTES = ELEMENTS_PER_PIECE * 32;

  /** Cells of a piece once extended 2x. */
  public static final int CELLS_PER_PIECE = 128;

  /** Cells of a piece that recover it: half. */
  public static final int CELLS_TO_RECOVER = 64;

  /** Bytes of one cell (64 field elements). */
  public static final int CELL_BYTES = 2048;

  /** Bytes of a KZG commitment or proof (a compressed BLS12-381 G1 point). */
  public static final int G1_BYTES = 48;

  /** The default largest blob: 16 MiB. */
  public static final long DEFAULT_MAX_BLOB = 16L << 20;

  private BlobLayout() {}

  /**
   * How many pieces a blob of {@code length} bytes takes (at least one, even for an empty blob).
   */
  public static int pieceCount(long length) {
    return (int) Math.max(1, (length + PIECE_PAYLOAD - 1) / PIECE_PAYLOAD);
  }
}
