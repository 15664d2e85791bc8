package io.levity.evm.precompile;

import io.levity.core.crypto.bn254.G1Point;
import io.levity.core.crypto.bn254.G2Point;
import io.levity.core.crypto.bn254.Pairing;
import java.util.ArrayList;
import java.util.List;

/**
 * 0x08 ECPAIRING (EIP-197, priced by EIP-1108): whether the product of the pairings of k (G1, G2)
 * pairs is one. Each pair is 192 bytes: G1 (x, y), then G2 (x.imaginary, x.real, y.imaginary,
 * y.real). The input length must be a multiple of 192; every point must be on its curve and G2
 * points in the order-r subgroup, else the call fails. Empty input is a product of nothing: true.
 */
public final class Bn254Pairing implements Precompile {
  static final long BASE_GAS = 45_000;
  static final long PAIR_GAS = 34_000;
  static final int PAIR_LENGTH = 192;

  @Override
  public long gas(byte[] input) {
    return BASE_GAS + PAIR_GAS * (input.length / PAIR_LENGTH);
  }

  @Override
  public byte[] run(byte[] input) {
    if (input.length % PAIR_LENGTH != 0) return null;
    int pairs = input.length / PAIR_LENGTH;
    List<G1Point> g1 = new ArrayList<>(pairs);
    List<G2Point> g2 = new ArrayList<>(pairs);
    for (int i = 0; i < pairs; i++) {
      G1Point p = G1Point.decode(input, i * PAIR_LENGTH);
      G2Point q = G2Point.decode(input, i * PAIR_LENGTH + 64);
      if (p == null || q == null) return null;
      g1.add(p);
      g2.add(q);
    }
    byte[] out = new byte[32];
    if (Pairing.check(g1, g2)) out[31] = 1;
    return out;
  }
}
