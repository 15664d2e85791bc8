package io.levity.evm.precompile;

import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * 0x03 RIPEMD160: the RIPEMD-160 digest left-padded to a 32-byte word; 600 gas plus 120 per word.
 */
public final class Ripemd160Hash implements Precompile {
  @Override
  public long gas(byte[] input) {
    return 600 + 120 * Inputs.words(input.length);
  }

  @Override
  public byte[] run(byte[] input) {
    RIPEMD160Digest digest = new RIPEMD160Digest();
    digest.update(input, 0, input.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 12);
    return out;
  }
}
