package io.levity.core.crypto.bn254;

import java.math.BigInteger;

/** An element c0 + c1·i of F_p2 = F_p[i]/(i² + 1): immutable. */
record Fp2(Fp c0, Fp c1) implements Field<Fp2> {
  static final Fp2 ZERO = new Fp2(Fp.ZERO, Fp.ZERO);
  static final Fp2 ONE = new Fp2(Fp.ONE, Fp.ZERO);

  /** ξ = 9 + i, the non-residue defining F_p6 and the sextic twist. */
  static final Fp2 XI = new Fp2(Fp.of(9), Fp.ONE);

  static Fp2 of(BigInteger c0, BigInteger c1) {
    return new Fp2(Fp.of(c0), Fp.of(c1));
  }

  @Override
  public boolean isZero() {
    return c0.isZero() && c1.isZero();
  }

  @Override
  public Fp2 zero() {
    return ZERO;
  }

  @Override
  public Fp2 add(Fp2 b) {
    return new Fp2(c0.add(b.c0()), c1.add(b.c1()));
  }

  @Override
  public Fp2 sub(Fp2 b) {
    return new Fp2(c0.sub(b.c0()), c1.sub(b.c1()));
  }

  @Override
  public Fp2 dbl() {
    return new Fp2(c0.dbl(), c1.dbl());
  }

  @Override
  public Fp2 neg() {
    return new Fp2(c0.neg(), c1.neg());
  }

  Fp2 conjugate() {
    return new Fp2(c0, c1.neg());
  }

  @Override
  public Fp2 mul(Fp2 b) {
    // Karatsuba: three base-field products
    Fp t0 = c0.mul(b.c0());
    Fp t1 = c1.mul(b.c1());
    Fp cross = c0.add(c1).mul(b.c0().add(b.c1()));
    return new Fp2(t0.sub(t1), cross.sub(t0).sub(t1));
  }

  Fp2 mul(Fp b) {
    return new Fp2(c0.mul(b), c1.mul(b));
  }

  @Override
  public Fp2 square() {
    // (c0 + c1 i)² = (c0 + c1)(c0 - c1) + 2 c0 c1 i
    Fp t = c0.mul(c1);
    return new Fp2(c0.add(c1).mul(c0.sub(c1)), t.dbl());
  }

  @Override
  public Fp2 one() {
    return ONE;
  }

  /** Multiplication by ξ = 9 + i: (9 c0 - c1) + (c0 + 9 c1) i, with additions only. */
  Fp2 mulByXi() {
    Fp nine0 = c0.dbl().dbl().dbl().add(c0);
    Fp nine1 = c1.dbl().dbl().dbl().add(c1);
    return new Fp2(nine0.sub(c1), c0.add(nine1));
  }

  @Override
  public Fp2 inverse() {
    Fp norm = c0.square().add(c1.square());
    Fp inv = norm.inverse();
    return new Fp2(c0.mul(inv), c1.neg().mul(inv));
  }

  @Override
  public String toString() {
    return "(" + c0 + " + " + c1 + "·i)";
  }
}
