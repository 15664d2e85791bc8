package io.levity.core.crypto.bn254;

import java.math.BigInteger;
import java.util.Random;

/** Random field elements and points for the bn254 tests, from a seeded generator so runs repeat. */
final class Bn254TestSupport {
  static final BigInteger P = Fp.MODULUS;
  static final BigInteger R = G1Point.ORDER;

  private final Random random;

  Bn254TestSupport(long seed) {
    this.random = new Random(seed);
  }

  BigInteger bigBelow(BigInteger bound) {
    BigInteger v;
    do {
      v = new BigInteger(bound.bitLength(), random);
    } while (v.compareTo(bound) >= 0);
    return v;
  }

  BigInteger scalar() {
    return bigBelow(R);
  }

  Fp fp() {
    return Fp.of(bigBelow(P));
  }

  Fp2 fp2() {
    return new Fp2(fp(), fp());
  }

  Fp6 fp6() {
    return new Fp6(fp2(), fp2(), fp2());
  }

  Fp12 fp12() {
    return new Fp12(fp6(), fp6());
  }

  /**
   * A random point of the twist E'(F_p2), almost surely outside G2 (the twist's cofactor is about
   * p).
   */
  G2Point twistPoint() {
    while (true) {
      Fp2 x = fp2();
      Fp2 y = sqrt(x.square().mul(x).add(G2Point.B));
      if (y != null) return new G2Point(x, y, Fp2.ONE);
    }
  }

  /**
   * A square root in F_p2 for p ≡ 3 (mod 4) (Adj and Rodríguez-Henríquez, algorithm 9), or null.
   */
  static Fp2 sqrt(Fp2 a) {
    BigInteger p = P;
    Fp2 a1 = a.pow(p.subtract(BigInteger.valueOf(3)).shiftRight(2));
    Fp2 alpha = a1.square().mul(a);
    Fp2 x0 = a1.mul(a);
    Fp2 minusOne = Fp2.ONE.neg();
    Fp2 x;
    if (alpha.equals(minusOne)) {
      x = new Fp2(x0.c1().neg(), x0.c0()); // i·x0
    } else {
      x = alpha.add(Fp2.ONE).pow(p.subtract(BigInteger.ONE).shiftRight(1)).mul(x0);
    }
    return x.square().equals(a) ? x : null;
  }
}
