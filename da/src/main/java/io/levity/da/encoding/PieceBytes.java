package io.levity.da.encoding;

import static io.levity.da.encoding.BlobLayout.ELEMENTS_PER_PIECE;
import static io.levity.da.encoding.BlobLayout.PAYLOAD_PER_ELEMENT;
import static io.levity.da.encoding.BlobLayout.PIECE_BYTES;
import static io.levity.da.encoding.BlobLayout.PIECE_PAYLOAD;

/**
 * Moves a blob's payload in and out of pieces: piece {@code p} carries payload bytes {@code [p *
 * 126976, (p + 1) * 126976)}, zero-padded past the blob's end; its element {@code j} is {@code 0x00
 * || payload[31 j, 31 j + 31)}, so every element is below the BLS12-381 modulus.
 */
final class PieceBytes {
  private PieceBytes() {}

  /** Piece {@code piece} of {@code data} as c-kzg takes it (131,072 bytes). */
  static byte[] pack(byte[] data, int piece) {
    byte[] out = new byte[PIECE_BYTES];
    long start = (long) piece * PIECE_PAYLOAD;
    int n = (int) Math.max(0, Math.min(PIECE_PAYLOAD, data.length - start));
    for (int done = 0, j = 0; done < n; done += PAYLOAD_PER_ELEMENT, j++) {
      int take = Math.min(PAYLOAD_PER_ELEMENT, n - done);
      System.arraycopy(data, (int) start + done, out, j * 32 + 1, take);
    }
    return out;
  }

  /**
   * Copies piece {@code piece}'s payload from {@code pieceBytes} (its first 64 cells) into {@code
   * out}, which holds the whole blob.
   *
   * @throws IllegalArgumentException when an element's top byte or the padding past the blob's end
   *     is not zero: the commitment is not to a blob this encoding made
   */
  static void unpack(byte[] pieceBytes, int piece, byte[] out) {
    long start = (long) piece * PIECE_PAYLOAD;
    int n = (int) Math.max(0, Math.min(PIECE_PAYLOAD, out.length - start));
    for (int j = 0; j < ELEMENTS_PER_PIECE; j++) {
      int at = j * 32;
      if (pieceBytes[at] != 0) {
        throw new IllegalArgumentException(
            "piece " + piece + " element " + j + " has a nonzero top byte: not this encoding");
      }
      int done = j * PAYLOAD_PER_ELEMENT;
      int take = Math.max(0, Math.min(PAYLOAD_PER_ELEMENT, n - done));
      if (take > 0) System.arraycopy(pieceBytes, at + 1, out, (int) start + done, take);
      for (int k = at + 1 + take; k < at + 32; k++) {
        if (pieceBytes[k] != 0) {
          throw new IllegalArgumentException(
              "piece " + piece + " has nonzero padding past the blob's end: not this encoding");
        }
      }
    }
  }
}
