package io.levity.consensus.crypto;

import io.levity.core.bytes.Bytes;
import java.util.function.Function;

/** Holds one validator's secret key and signs with it. */
public interface Signer {
  Bytes publicKey();

  Bytes sign(byte[] message);

  /** A signer for {@code publicKey} that signs with {@code sign}. */
  static Signer of(Bytes publicKey, Function<byte[], Bytes> sign) {
    return new Signer() {
      @Override
      public Bytes publicKey() {
        return publicKey;
      }

      @Override
      public Bytes sign(byte[] message) {
        return sign.apply(message);
      }
    };
  }
}
