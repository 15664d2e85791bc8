package io.levity.evm.precompile;

import io.levity.core.crypto.Sha256;

/** 0x02 SHA256: the SHA-256 digest of the input; 60 gas plus 12 per word. */
public final class Sha256Hash implements Precompile {
  @Override
  public long gas(byte[] input) {
    return 60 + 12 * Inputs.words(input.length);
  }

  @Override
  public byte[] run(byte[] input) {
    return Sha256.hash(input);
  }
}
