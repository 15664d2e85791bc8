package io.levity.evm.precompile.bn254;

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
    Fp2 a0 = c0.c0();
    Fp2 a1 = c1.c1();
    Fp2 b0 = c1.c0();
    Fp2 b1 = c0.c2();
    Fp2 cc0 = c0.c1();
    Fp2 cc1 = c1.c2();
    // (x0 + x1 s)² = (x0² + ξ x1²) + 2 x0 x1 s
    Fp2 a0s = a0.square();
    Fp2 a1s = a1.square();
    Fp2 aSq0 = a1s.mulByXi().add(a0s);
    Fp2 aSq1 = a0.add(a1).square().sub(a0s).sub(a1s);
    Fp2 b0s = b0.square();
    Fp2 b1s = b1.square();
    Fp2 bSq0 = b1s.mulByXi().add(b0s);
    Fp2 bSq1 = b0.add(b1).square().sub(b0s).sub(b1s);
    Fp2 c0s = cc0.square();
    Fp2 c1s = cc1.square();
    Fp2 cSq0 = c1s.mulByXi().add(c0s);
    Fp2 cSq1 = cc0.add(cc1).square().sub(c0s).sub(c1s);
    // s·C² = ξ·cSq1 + cSq0·s
    Fp2 sc0 = cSq1.mulByXi();
    Fp2 sc1 = cSq0;
    // 3X² - 2X̄ with X̄ = x0 - x1 s: (3 sq0 - 2 x0) + (3 sq1 + 2 x1) s; and 3Y + 2Z̄ likewise
    Fp2 na0 = triple(aSq0).sub(a0.dbl());
    Fp2 na1 = triple(aSq1).add(a1.dbl());
    Fp2 nb0 = triple(sc0).add(b0.dbl());
    Fp2 nb1 = triple(sc1).sub(b1.dbl());
    Fp2 nc0 = triple(bSq0).sub(cc0.dbl());
    Fp2 nc1 = triple(bSq1).add(cc1.dbl());
    return new Fp12(new Fp6(na0, nc0, nb1), new Fp6(nb0, na1, nc1));
  }

  private static Fp2 triple(Fp2 x) {
    return x.dbl().add(x);
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
  public Fp12 one() {
    return ONE;
  }

  @Override
  public String toString() {
    return "{" + c0 + ", " + c1 + "}";
  }
}
