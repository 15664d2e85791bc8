package io.levity.evm.precompile;

import io.levity.evm.precompile.bn254.G1Point;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * 0x07 ECMUL (EIP-196, priced by EIP-1108): a bn254 G1 point (64 bytes) times a 256-bit scalar;
 * input zero-padded to 96 bytes. The scalar is not reduced or range-checked: every value is
 * allowed.
 */
public final class Bn254Mul implements Precompile {
  static final long GAS = 6000;

  @Override
  public long gas(byte[] input) {
    return GAS;
  }

  @Override
  public byte[] run(byte[] input) {
    byte[] in = Inputs.padded(input, 96);
    G1Point p = G1Point.decode(in, 0);
    if (p == null) return null;
    BigInteger k = new BigInteger(1, Arrays.copyOfRange(in, 64, 96));
    return p.mul(k).encode();
  }
}
