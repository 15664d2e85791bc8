package io.levity.da.encoding;

import static io.levity.da.encoding.BlobLayout.DEFAULT_MAX_BLOB;
import static io.levity.da.encoding.BlobLayout.PIECE_PAYLOAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Keccak;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BlobHeaderTest {
  @Property(tries = 200)
  void decodesWhatItEncodes(@ForAll @LongRange(min = 0, max = DEFAULT_MAX_BLOB) long length) {
    BlobHeader header = header(length);
    byte[] encoded = header.encode();

    assertThat(encoded).hasSize(12 + 48 * header.pieceCount());
    assertThat(ByteBuffer.wrap(encoded).getLong()).isEqualTo(length);
    assertThat(ByteBuffer.wrap(encoded, 8, 4).getInt()).isEqualTo(header.pieceCount());
    assertThat(BlobHeader.decode(encoded, DEFAULT_MAX_BLOB)).isEqualTo(header);
    assertThat(header.id()).isEqualTo(Keccak.hash(encoded));
  }

  @Test
  void theIdCoversTheLengthAndEveryCommitment() {
    BlobHeader header = header(2 * PIECE_PAYLOAD);
    List<Bytes> changed = new ArrayList<>(header.commitments());
    byte[] last = changed.get(1).toArray();
    last[47] ^= 1;
    changed.set(1, Bytes.wrap(last));

    assertThat(new BlobHeader(2 * PIECE_PAYLOAD - 1, header.commitments()).id())
        .isNotEqualTo(header.id());
    assertThat(new BlobHeader(header.length(), changed).id()).isNotEqualTo(header.id());
  }

  @Test
  void refusesTrailingBytes() {
    byte[] encoded = header(5).encode();
    byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);

    assertThatThrownBy(() -> BlobHeader.decode(longer, DEFAULT_MAX_BLOB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 trailing bytes");
  }

  @Test
  void refusesALengthPastTheLimit() {
    byte[] encoded = header(DEFAULT_MAX_BLOB).encode();
    assertThat(BlobHeader.decode(encoded, DEFAULT_MAX_BLOB).length()).isEqualTo(DEFAULT_MAX_BLOB);

    assertThatThrownBy(() -> BlobHeader.decode(encoded, DEFAULT_MAX_BLOB - 1))
        .hasMessageContaining("length 16777216 is past the largest blob, 16777215");
    byte[] negative = header(1).encode();
    negative[0] = (byte) 0x80;
    assertThatThrownBy(() -> BlobHeader.decode(negative, DEFAULT_MAX_BLOB))
        .hasMessageContaining("length 9223372036854775809 is past the largest blob");
  }

  @Test
  void refusesAPieceCountThatDoesNotMatchTheLength() {
    // two commitments, but the length says one piece
    byte[] encoded = header(PIECE_PAYLOAD + 1).encode();
    ByteBuffer.wrap(encoded).putLong(PIECE_PAYLOAD);

    assertThatThrownBy(() -> BlobHeader.decode(encoded, DEFAULT_MAX_BLOB))
        .hasMessageContaining("piece count 2 does not match its length 126976 (which takes 1)");
    assertThatThrownBy(() -> new BlobHeader(0, List.of()))
        .hasMessageContaining("a blob of 0 bytes has 1 pieces, but 0 commitments were given");
  }

  @Test
  void refusesTruncatedInput() {
    byte[] encoded = header(PIECE_PAYLOAD + 1).encode();

    assertThatThrownBy(() -> BlobHeader.decode(Arrays.copyOf(encoded, 11), DEFAULT_MAX_BLOB))
        .hasMessageContaining("truncated: 11 bytes");
    assertThatThrownBy(
            () -> BlobHeader.decode(Arrays.copyOf(encoded, 12 + 48 + 47), DEFAULT_MAX_BLOB))
        .hasMessageContaining("truncated: 107 bytes of the 108");
    assertThatThrownBy(() -> BlobHeader.decode(new byte[0], DEFAULT_MAX_BLOB))
        .hasMessageContaining("truncated: 0 bytes");
  }

  @Test
  void refusesACommitmentOfTheWrongSize() {
    assertThatThrownBy(() -> new BlobHeader(1, List.of(Bytes.wrap(new byte[47]))))
        .hasMessageContaining("commitment of piece 0 has 47 bytes");
  }

  /** A header for {@code length} with arbitrary commitments (decoding does not check points). */
  private static BlobHeader header(long length) {
    Random random = new Random(length);
    List<Bytes> commitments = new ArrayList<>();
    for (int p = 0; p < BlobLayout.pieceCount(length); p++) {
      byte[] c = new byte[48];
      random.nextBytes(c);
      commitments.add(Bytes.wrap(c));
    }
    return new BlobHeader(length, commitments);
  }
}
