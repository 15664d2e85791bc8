package io.levity.core.crypto.bn254;

/** An element c0 + c1·v + c2·v² of F_p6 = F_p2[v]/(v³ - ξ): immutable. */
record Fp6(Fp2 c0, Fp2 c1, Fp2 c2) {
  static final Fp6 ZERO = new Fp6(Fp2.ZERO, Fp2.ZERO, Fp2.ZERO);
  static final Fp6 ONE = new Fp6(Fp2.ONE, Fp2.ZERO, Fp2.ZERO);

  boolean isZero() {
    return c0.isZero() && c1.isZero() && c2.isZero();
  }

  Fp6 add(Fp6 b) {
    return new Fp6(c0.add(b.c0()), c1.add(b.c1()), c2.add(b.c2()));
  }

  Fp6 sub(Fp6 b) {
    return new Fp6(c0.sub(b.c0()), c1.sub(b.c1()), c2.sub(b.c2()));
  }

  Fp6 neg() {
    return new Fp6(c0.neg(), c1.neg(), c2.neg());
  }

  Fp6 mul(Fp6 b) {
    // Karatsuba over the three coefficients: six F_p2 products
    Fp2 t0 = c0.mul(b.c0());
    Fp2 t1 = c1.mul(b.c1());
    Fp2 t2 = c2.mul(b.c2());
    Fp2 r0 = c1.add(c2).mul(b.c1().add(b.c2())).sub(t1).sub(t2).mulByXi().add(t0);
    Fp2 r1 = c0.add(c1).mul(b.c0().add(b.c1())).sub(t0).sub(t1).add(t2.mulByXi());
    Fp2 r2 = c0.add(c2).mul(b.c0().add(b.c2())).sub(t0).sub(t2).add(t1);
    return new Fp6(r0, r1, r2);
  }

  Fp6 square() {
    // Chung-Hasan SQR2: two multiplications and three squarings in F_p2
    Fp2 s0 = c0.square();
    Fp2 ab = c0.mul(c1);
    Fp2 s1 = ab.dbl();
    Fp2 s2 = c0.sub(c1).add(c2).square();
    Fp2 bc = c1.mul(c2);
    Fp2 s3 = bc.dbl();
    Fp2 s4 = c2.square();
    return new Fp6(s3.mulByXi().add(s0), s4.mulByXi().add(s1), s1.add(s2).add(s3).sub(s0).sub(s4));
  }

  /** Multiplication by a scalar of F_p2. */
  Fp6 mul(Fp2 b) {
    return new Fp6(c0.mul(b), c1.mul(b), c2.mul(b));
  }

  /** Multiplication by the sparse element b0 + b1·v. */
  Fp6 mulBy01(Fp2 b0, Fp2 b1) {
    Fp2 t0 = c0.mul(b0);
    Fp2 t1 = c1.mul(b1);
    Fp2 r0 = c2.mul(b1).mulByXi().add(t0);
    Fp2 r1 = c0.add(c1).mul(b0.add(b1)).sub(t0).sub(t1);
    Fp2 r2 = c2.mul(b0).add(t1);
    return new Fp6(r0, r1, r2);
  }

  /** Multiplication by v: (c0, c1, c2) → (ξ c2, c0, c1). */
  Fp6 mulByV() {
    return new Fp6(c2.mulByXi(), c0, c1);
  }

  Fp6 inverse() {
    Fp2 t0 = c0.square().sub(c1.mul(c2).mulByXi());
    Fp2 t1 = c2.square().mulByXi().sub(c0.mul(c1));
    Fp2 t2 = c1.square().sub(c0.mul(c2));
    Fp2 norm = c0.mul(t0).add(c2.mul(t1).add(c1.mul(t2)).mulByXi());
    Fp2 inv = norm.inverse();
    return new Fp6(t0.mul(inv), t1.mul(inv), t2.mul(inv));
  }

  @Override
  public String toString() {
    return "[" + c0 + ", " + c1 + ", " + c2 + "]";
  }
}
