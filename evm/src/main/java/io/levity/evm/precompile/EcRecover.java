package io.levity.evm.precompile;

import io.levity.core.bytes.Address;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.Signature;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * 0x01 ECRECOVER: the address that signed a 32-byte hash, left-padded to a word. Input is hash, v,
 * r, s (one word each, zero-padded to 128 bytes). A bad v or an unrecoverable signature is not a
 * failure: the call succeeds with empty output.
 */
public final class EcRecover implements Precompile {
  static final long GAS = 3000;

  @Override
  public long gas(byte[] input) {
    return GAS;
  }

  @Override
  public byte[] run(byte[] input) {
    byte[] in = Inputs.padded(input, 128);
    // v is a whole word and must be exactly 27 or 28
    for (int i = 32; i < 63; i++) {
      if (in[i] != 0) return Inputs.EMPTY;
    }
    int v = in[63] & 0xff;
    if (v != 27 && v != 28) return Inputs.EMPTY;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(in, 64, 96));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(in, 96, 128));
    // Secp256k1.recover rejects r or s outside [1, n-1]; high s is allowed here (EIP-2 applies to
    // transactions)
    Optional<byte[]> pub =
        Secp256k1.recover(Arrays.copyOfRange(in, 0, 32), new Signature(r, s, v - 27));
    if (pub.isEmpty()) return Inputs.EMPTY;
    byte[] out = new byte[32];
    System.arraycopy(Address.fromPublicKey(pub.get()).unsafeArray(), 0, out, 12, 20);
    return out;
  }
}
