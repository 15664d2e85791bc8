package io.levity.core.crypto.bn254;

import java.math.BigInteger;

/**
 * An element c0 + c1·w of F_p12 = F_p6[w]/(w² - v): immutable. Written in powers of w the
 * coefficients are, in order w⁰..w⁵: c0.c0(), c1.c0(), c0.c1(), c1.c1(), c0.c2(), c1.c2(); the
 * Frobenius maps use that view.
 */
record Fp12(Fp6 c0, Fp6 c1) implements Ring<Fp12> {
  static final Fp12 ONE = new Fp12(Fp6.ONE, Fp6.ZERO);

  /**
   * FROB[k][i] = ξ^(i·(p^k - 1)/6): the factor w^i picks up under the p^k-power Frobenius (k =
   * 1..3).
   */
  private static final Fp2[][] FROB = new Fp2[4][6];

  static {
    BigInteger p = Fp.MODULUS;
    for (int k = 1; k <= 3; k++) {
      BigInteger e = p.pow(k).subtract(BigInteger.ONE).divide(BigInteger.valueOf(6));
      Fp2 g = Fp2.XI.pow(e);
      FROB[k][0] = Fp2.ONE;
      for (int i = 1; i < 6; i++) FROB[k][i] = FROB[k][i - 1].mul(g);
    }
  }

  /** ξ^(i·(p^k - 1)/6), shared with the G2 endomorphism. */
  static Fp2 frobeniusCoefficient(int k, int i) {
    return FROB[k][i];
  }

  boolean isOne() {
    return equals(ONE);
  }

  @Override
  public Fp12 mul(Fp12 b) {
    Fp6 t0 = c0.mul(b.c0());
    Fp6 t1 = c1.mul(b.c1());
    Fp6 r1 = c0.add(c1).mul(b.c0().add(b.c1())).sub(t0).sub(t1);
    return new Fp12(t0.add(t1.mulByV()), r1);
  }

  @Override
  public Fp12 square() {
    // (c0 + c1 w)² = (c0 + c1)(c0 + v c1) - c0c1 - v c0c1 + 2 c0c1 w
    Fp6 ab = c0.mul(c1);
    Fp6 r0 = c0.add(c1).mul(c0.add(c1.mulByV())).sub(ab).sub(ab.mulByV());
    return new Fp12(r0, ab.add(ab));
  }

  @Override
  public Fp12 one() {
    return ONE;
  }

  /**
   * Multiplication by a Miller-loop line a + b·w + c·w³, that is c0 = (a, 0, 0) and c1 = (b, c, 0):
   * fifteen F_p2 products instead of eighteen.
   */
  Fp12 mulByLine(Fp2 a, Fp2 b, Fp2 c) {
    Fp6 t0 = c0.mul(a);
    Fp6 t1 = c1.mulBy01(b, c);
    Fp6 r1 = c0.add(c1).mulBy01(a.add(b), c).sub(t0).sub(t1);
    return new Fp12(t0.add(t1.mulByV()), r1);
  }

  /**
   * Squaring for elements of the cyclotomic subgroup (order p⁴ - p² + 1), where the final
   * exponentiation's hard part works (Granger and Scott). Viewed over F_p4 = F_p2[s]/(s² - ξ) with
   * s = w³, an element is A + B·w + C·w² with w³ = s, and its square is (3A² - 2Ā) + (3s·C² +
   * 2B̄)·w + (3B² - 2C̄)·w², the bar being s ↦ -s: nine F_p2 squarings instead of twelve
   * multiplications. Wrong for elements outside the subgroup.
   */
  Fp12 cyclotomicSquare() {
    // A = g0 + g3 s, B = g1 + g4 s, C = g2 + g5 s, where g_i is the coefficient of w^i
    Fp4 a = new Fp4(c0.c0(), c1.c1());
    Fp4 b = new Fp4(c1.c0(), c0.c2());
    Fp4 c = new Fp4(c0.c1(), c1.c2());
    Fp4 na = a.square().triple(a.twiceConjugate(), false); // 3A² - 2Ā
    Fp4 nb = c.square().timesS().triple(b.twiceConjugate(), true); // 3s·C² + 2B̄
    Fp4 nc = b.square().triple(c.twiceConjugate(), false); // 3B² - 2C̄
    return new Fp12(new Fp6(na.x0, nc.x0, nb.x1), new Fp6(nb.x0, na.x1, nc.x1));
  }

  /** An element x0 + x1·s of F_p4 = F_p2[s]/(s² - ξ), s = w³, for the cyclotomic squaring. */
  private record Fp4(Fp2 x0, Fp2 x1) {
    /** (x0 + x1 s)² = (x0² + ξ x1²) + 2 x0 x1 s, with three squarings. */
    Fp4 square() {
      Fp2 s0 = x0.square();
      Fp2 s1 = x1.square();
      return new Fp4(s1.mulByXi().add(s0), x0.add(x1).square().sub(s0).sub(s1));
    }

    /** s·(x0 + x1 s) = ξ x1 + x0 s. */
    Fp4 timesS() {
      return new Fp4(x1.mulByXi(), x0);
    }

    /** 2·(x0 - x1 s), twice the conjugate (s ↦ -s). */
    Fp4 twiceConjugate() {
      return new Fp4(x0.dbl(), x1.dbl().neg());
    }

    /** 3·this plus or minus t. */
    Fp4 triple(Fp4 t, boolean plus) {
      Fp2 r0 = x0.dbl().add(x0);
      Fp2 r1 = x1.dbl().add(x1);
      return plus ? new Fp4(r0.add(t.x0), r1.add(t.x1)) : new Fp4(r0.sub(t.x0), r1.sub(t.x1));
    }
  }

  /** The p^6-power Frobenius; on the cyclotomic subgroup it is the inverse. */
  Fp12 conjugate() {
    return new Fp12(c0, c1.neg());
  }

  Fp12 inverse() {
    Fp6 t = c0.square().sub(c1.square().mulByV()).inverse();
    return new Fp12(c0.mul(t), c1.mul(t).neg());
  }

  /** The p^k-power Frobenius map, k = 1, 2 or 3. */
  Fp12 frobenius(int k) {
    Fp2[] g = FROB[k];
    boolean conj = (k & 1) == 1; // x ↦ x^p on F_p2 is conjugation
    return new Fp12(
        new Fp6(frob(c0.c0(), conj, g[0]), frob(c0.c1(), conj, g[2]), frob(c0.c2(), conj, g[4])),
        new Fp6(frob(c1.c0(), conj, g[1]), frob(c1.c1(), conj, g[3]), frob(c1.c2(), conj, g[5])));
  }

  private static Fp2 frob(Fp2 x, boolean conj, Fp2 g) {
    return (conj ? x.conjugate() : x).mul(g);
  }

  @Override
  public String toString() {
    return "{" + c0 + ", " + c1 + "}";
  }
}
