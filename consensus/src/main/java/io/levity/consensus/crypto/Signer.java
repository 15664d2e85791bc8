package io.levity.consensus.crypto;

import io.levity.core.bytes.Bytes;

/** Holds one validator's secret key and signs with it. */
public interface Signer {
  Bytes publicKey();

  Bytes sign(byte[] message);
}
