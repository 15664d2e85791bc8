package io.levity.da.encoding;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What names a blob: its length in bytes and each piece's KZG commitment. The id is {@code
 * keccak256(encode())}; the encoding is {@code uint64_be(length) || uint32_be(pieces) ||
 * commitment_0 || ... } (48 bytes each).
 *
 * @param length the blob's length in bytes
 * @param commitments one 48-byte KZG commitment per piece
 */
public record BlobHeader(long length, List<Bytes> commitments) {
  /** Bytes before the commitments: the length (8) and the piece count (4). */
  public static final int FIXED_BYTES = 12;

  /** Checks that the commitment count matches the length. */
  public BlobHeader {
    if (length < 0) throw new IllegalArgumentException("blob length " + length + " is negative");
    commitments = List.copyOf(commitments);
    long expected = expectedPieces(length);
    if (commitments.size() != expected) {
      throw new IllegalArgumentException(
          "a blob of "
              + length
              + " bytes has "
              + expected
              + " pieces, but "
              + commitments.size()
              + " commitments were given");
    }
    for (int p = 0; p < commitments.size(); p++) {
      if (commitments.get(p).size() != BlobLayout.G1_BYTES) {
        throw new IllegalArgumentException(
            "commitment of piece " + p + " has " + commitments.get(p).size() + " bytes, not 48");
      }
    }
  }

  /** The number of pieces. */
  public int pieceCount() {
    return commitments.size();
  }

  /** The blob id: Keccak-256 of {@link #encode()}. */
  public Bytes32 id() {
    return Keccak.hash(encode());
  }

  /** The canonical encoding (see the class comment). */
  public byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(FIXED_BYTES + commitments.size() * BlobLayout.G1_BYTES);
    out.putLong(length).putInt(commitments.size());
    for (Bytes c : commitments) out.put(c.unsafeArray());
    return out.array();
  }

  /**
   * Decodes {@link #encode()}, refusing trailing bytes, lengths past {@code maxBlob} and a piece
   * count that does not match the length, with a message that says which.
   */
  public static BlobHeader decode(byte[] encoded, long maxBlob) {
    if (encoded.length < FIXED_BYTES) {
      throw new IllegalArgumentException(
          "blob header truncated: "
              + encoded.length
              + " bytes, the length and piece count alone take "
              + FIXED_BYTES);
    }
    ByteBuffer in = ByteBuffer.wrap(encoded);
    long length = in.getLong();
    long pieces = Integer.toUnsignedLong(in.getInt());
    // a length with the top bit set reads as negative: it is past any limit too
    if (length < 0 || length > maxBlob) {
      throw new IllegalArgumentException(
          "blob header length "
              + Long.toUnsignedString(length)
              + " is past the largest blob, "
              + maxBlob
              + " bytes");
    }
    long expected = expectedPieces(length);
    if (pieces != expected) {
      throw new IllegalArgumentException(
          "blob header piece count "
              + pieces
              + " does not match its length "
              + length
              + " (which takes "
              + expected
              + ")");
    }
    long size = FIXED_BYTES + pieces * BlobLayout.G1_BYTES;
    if (encoded.length < size) {
      throw new IllegalArgumentException(
          "blob header truncated: "
              + encoded.length
              + " bytes of the "
              + size
              + " its pieces take");
    }
    if (encoded.length > size) {
      throw new IllegalArgumentException(
          "blob header has " + (encoded.length - size) + " trailing bytes after its " + size);
    }
    List<Bytes> commitments = new ArrayList<>((int) pieces);
    for (int p = 0; p < pieces; p++) {
      commitments.add(
          Bytes.wrap(encoded, FIXED_BYTES + p * BlobLayout.G1_BYTES, BlobLayout.G1_BYTES));
    }
    return new BlobHeader(length, commitments);
  }

  /** {@link BlobLayout#pieceCount} without its int overflow for absurd lengths. */
  private static long expectedPieces(long length) {
    return Math.max(
        1, length / BlobLayout.PIECE_PAYLOAD + (length % BlobLayout.PIECE_PAYLOAD == 0 ? 0 : 1));
  }
}
