package io.levity.storage.proof;

import io.levity.core.rlp.RlpException;
import io.levity.core.rlp.RlpReader;
import java.util.function.Function;

/** The strict decoding challenges and answers share: one RLP list, bounded, nothing after it. */
final class ProofCodec {
  private ProofCodec() {}

  /**
   * Reads {@code in} as one RLP list whose items {@code fields} reads. Input over {@code max}
   * bytes, non-canonical or trailing RLP and wrong field sizes throw {@link ProofFormatException}
   * naming {@code what}.
   */
  static <T> T decodeList(byte[] in, int max, String what, Function<RlpReader, T> fields) {
    if (in.length > max) {
      throw new ProofFormatException(what + " of " + in.length + " bytes exceeds " + max);
    }
    try {
      RlpReader r = new RlpReader(in);
      r.enterList();
      T value = fields.apply(r);
      r.exitList();
      r.requireEnd();
      return value;
    } catch (RlpException | IllegalArgumentException e) {
      throw new ProofFormatException("malformed " + what + ": " + e.getMessage(), e);
    }
  }
}
