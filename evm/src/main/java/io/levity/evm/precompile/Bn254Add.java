package io.levity.evm.precompile;

import io.levity.evm.precompile.bn254.G1Point;

/**
 * 0x06 ECADD (EIP-196, priced by EIP-1108): the sum of two bn254 G1 points, each 64 bytes (x, y);
 * input zero-padded to 128 bytes. Coordinates not below p or points off the curve fail the call.
 */
public final class Bn254Add implements Precompile {
  static final long GAS = 150;

  @Override
  public long gas(byte[] input) {
    return GAS;
  }

  @Override
  public byte[] run(byte[] input) {
    byte[] in = Inputs.padded(input, 128);
    G1Point a = G1Point.decode(in, 0);
    G1Point b = G1Point.decode(in, 64);
    if (a == null || b == null) return null;
    return a.add(b).encode();
  }
}
