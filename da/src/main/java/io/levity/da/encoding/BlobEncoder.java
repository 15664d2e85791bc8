package io.levity.da.encoding;

/** Encodes a blob into its header and cells with proofs (c-kzg, EIP-7594's cell functions). */
@SuppressWarnings("DoNotCallSuggester") // skeleton until the helper lands; remove then
public final class BlobEncoder {
  private BlobEncoder() {}

  /**
   * Encodes {@code data}. Pieces are independent, so they run on up to {@code threads} threads.
   *
   * @throws IllegalArgumentException when {@code data} is longer than {@code maxBlob}
   */
  public static EncodedBlob encode(byte[] data, long maxBlob, int threads) {
    throw new UnsupportedOperationException("TODO(encoding helper)");
  }
}
