package io.levity.da.encoding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/** Blobs of pseudo-random bytes and their encodings, made once per size for the whole test run. */
final class TestBlobs {
  /** A few MB: 17 pieces, the last one partial. */
  static final int FEW_MB = 2 * 1024 * 1024 + 1;

  private static final Map<Integer, EncodedBlob> ENCODED = new ConcurrentHashMap<>();

  private TestBlobs() {}

  /** {@code size} bytes, the same for the same size. */
  static byte[] data(int size) {
    byte[] out = new byte[size];
    new Random(size).nextBytes(out);
    return out;
  }

  static EncodedBlob encoded(int size) {
    return ENCODED.computeIfAbsent(
        size, s -> BlobEncoder.encode(data(s), BlobLayout.DEFAULT_MAX_BLOB, 2));
  }

  /** Every cell of {@code blob}, piece by piece. */
  static List<Cell> all(EncodedBlob blob) {
    List<Cell> out = new ArrayList<>();
    blob.pieces().forEach(out::addAll);
    return out;
  }
}
