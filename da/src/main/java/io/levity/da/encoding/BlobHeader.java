package io.levity.da.encoding;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.util.List;

/**
 * What names a blob: its length in bytes and each piece's KZG commitment. The id is {@code
 * keccak256(encode())}; the encoding is {@code uint64_be(length) || uint32_be(pieces) ||
 * commitment_0 || ... } (48 bytes each).
 *
 * @param length the blob's length in bytes
 * @param commitments one 48-byte KZG commitment per piece
 */
@SuppressWarnings("DoNotCallSuggester") // skeleton until the helper lands; remove then
public record BlobHeader(long length, List<Bytes> commitments) {
  /** Checks that the commitment count matches the length. */
  public BlobHeader {
    throw new UnsupportedOperationException("TODO(encoding helper)");
  }

  /** The number of pieces. */
  public int pieceCount() {
    return commitments.size();
  }

  /** The blob id: Keccak-256 of {@link #encode()}. */
  public Bytes32 id() {
    throw new UnsupportedOperationException("TODO(encoding helper)");
  }

  /** The canonical encoding (see the class comment). */
  public byte[] encode() {
    throw new UnsupportedOperationException("TODO(encoding helper)");
  }

  /**
   * Decodes {@link #encode()}, refusing trailing bytes, lengths past {@code maxBlob} and a piece
   * count that does not match the length, with a message that says which.
   */
  public static BlobHeader decode(byte[] encoded, long maxBlob) {
    throw new UnsupportedOperationException("TODO(encoding helper)");
  }
}
