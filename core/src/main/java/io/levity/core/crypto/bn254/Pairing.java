package io.levity.core.crypto.bn254;

import io.levity.core.crypto.bn254.JacobianPoint.Affine;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The optimal ate pairing on bn254: a shared Miller loop over 6u + 2 (in signed binary) with the
 * two Frobenius correction steps, followed by the final exponentiation to the power (p¹² - 1)/r.
 */
public final class Pairing {
  /** The BN parameter u: p = 36u⁴ + 36u³ + 24u² + 6u + 1, r = 36u⁴ + 36u³ + 18u² + 6u + 1. */
  static final BigInteger U = new BigInteger("4965661367192848881");

  /** 6u + 2 in non-adjacent form, least significant digit first. */
  private static final int[] LOOP_NAF =
      Naf.of(U.multiply(BigInteger.valueOf(6)).add(BigInteger.TWO), 2);

  private static final int[] U_NAF = Naf.of(U, 2);

  private Pairing() {}

  /** True when the product of e(p_i, q_i) is one; pairs with a point at infinity contribute one. */
  public static boolean check(List<G1Point> g1, List<G2Point> g2) {
    if (g1.size() != g2.size())
      throw new IllegalArgumentException("unequal numbers of G1 and G2 points");
    List<Affine<Fp>> ps = new ArrayList<>();
    List<Affine<Fp2>> qs = new ArrayList<>();
    for (int i = 0; i < g1.size(); i++) {
      if (g1.get(i).isInfinity() || g2.get(i).isInfinity()) continue;
      ps.add(g1.get(i).affine());
      qs.add(g2.get(i).affine());
    }
    if (ps.isEmpty()) return true;
    return finalExponentiation(millerLoop(ps, qs)).isOne();
  }

  /** The reduced pairing e(p, q) itself, for tests of bilinearity. */
  static Fp12 pair(G1Point p, G2Point q) {
    if (p.isInfinity() || q.isInfinity()) return Fp12.ONE;
    return finalExponentiation(millerLoop(List.of(p.affine()), List.of(q.affine())));
  }

  static Fp12 millerLoop(List<Affine<Fp>> ps, List<Affine<Fp2>> qs) {
    int n = ps.size();
    LinePoint[] ts = new LinePoint[n];
    for (int i = 0; i < n; i++) ts[i] = new LinePoint(qs.get(i).x(), qs.get(i).y());
    Fp12 f = Fp12.ONE;
    for (int bit = LOOP_NAF.length - 2; bit >= 0; bit--) {
      if (bit < LOOP_NAF.length - 2) f = f.square(); // nothing to square in the first iteration
      for (int i = 0; i < n; i++) f = ts[i].doubleStep(f, ps.get(i));
      int digit = LOOP_NAF[bit];
      if (digit != 0) {
        for (int i = 0; i < n; i++) {
          Affine<Fp2> q = qs.get(i);
          f = ts[i].addStep(f, ps.get(i), q.x(), digit > 0 ? q.y() : q.y().neg());
        }
      }
    }
    // T = [6u+2]Q; add π(Q) and -π²(Q), where π(x, y) = (x̄·γ₁₂, ȳ·γ₁₃) and π²(x, y) = (x·γ₂₂,
    // y·γ₂₃)
    for (int i = 0; i < n; i++) {
      Affine<Fp2> q = qs.get(i);
      Fp2 x1 = q.x().conjugate().mul(Fp12.frobeniusCoefficient(1, 2));
      Fp2 y1 = q.y().conjugate().mul(Fp12.frobeniusCoefficient(1, 3));
      Fp2 x2 = q.x().mul(Fp12.frobeniusCoefficient(2, 2));
      Fp2 y2 = q.y().mul(Fp12.frobeniusCoefficient(2, 3));
      f = ts[i].addStep(f, ps.get(i), x1, y1);
      f = ts[i].addStep(f, ps.get(i), x2, y2.neg());
    }
    return f;
  }

  /**
   * f^((p¹² - 1)/r). The easy part (p⁶ - 1)(p² + 1) lands in the cyclotomic subgroup, where
   * inversion is conjugation; the hard part (p⁴ - p² + 1)/r is written in base p with coefficients
   * that are polynomials in u: λ₀ = -36u³ - 30u² - 18u - 2, λ₁ = -36u³ - 18u² - 12u + 1, λ₂ = 6u² +
   * 1, λ₃ = 1, so it costs three exponentiations by u and a few Frobenius maps.
   */
  static Fp12 finalExponentiation(Fp12 f) {
    Fp12 t = f.conjugate().mul(f.inverse());
    t = t.frobenius(2).mul(t);

    Fp12 a = expByU(t); // t^u
    Fp12 b = expByU(a); // t^(u²)
    Fp12 c = expByU(b); // t^(u³)

    Fp12 c9 = c.cyclotomicSquare().cyclotomicSquare().cyclotomicSquare().mul(c);
    Fp12 c36 = c9.cyclotomicSquare().cyclotomicSquare();
    Fp12 b6 = b.cyclotomicSquare().mul(b).cyclotomicSquare();
    Fp12 b12 = b6.cyclotomicSquare();
    Fp12 b18 = b12.mul(b6);
    Fp12 b30 = b18.mul(b12);
    Fp12 a6 = a.cyclotomicSquare().mul(a).cyclotomicSquare();
    Fp12 a12 = a6.cyclotomicSquare();
    Fp12 a18 = a12.mul(a6);
    Fp12 t2 = t.cyclotomicSquare();

    Fp12 l0 = c36.mul(b30).mul(a18).mul(t2).conjugate();
    Fp12 l1 = c36.mul(b18).mul(a12).conjugate().mul(t);
    Fp12 l2 = b6.mul(t);
    return l0.mul(l1.frobenius(1)).mul(l2.frobenius(2)).mul(t.frobenius(3));
  }

  /** x^u for x in the cyclotomic subgroup (so negative NAF digits use the conjugate). */
  private static Fp12 expByU(Fp12 x) {
    Fp12 inv = x.conjugate();
    Fp12 r = x; // the top NAF digit is 1
    for (int i = U_NAF.length - 2; i >= 0; i--) {
      r = r.cyclotomicSquare();
      if (U_NAF[i] > 0) r = r.mul(x);
      else if (U_NAF[i] < 0) r = r.mul(inv);
    }
    return r;
  }

  /**
   * The Miller loop's running point T in homogeneous projective coordinates (x = X/Z, y = Y/Z) on
   * the twist. Each step updates T and multiplies f by the line through the step's points,
   * evaluated at P and scaled by a factor in F_p2 (which the final exponentiation removes). Lines
   * have the shape a + b·w + c·w³.
   */
  private static final class LinePoint {
    private Fp2 x;
    private Fp2 y;
    private Fp2 z;

    LinePoint(Fp2 x, Fp2 y) {
      this.x = x;
      this.y = y;
      this.z = Fp2.ONE;
    }

    /** T ← 2T; tangent line -2YZ·y_P + 3X²·x_P·w + (3b'Z² - Y²)·w³. */
    Fp12 doubleStep(Fp12 f, Affine<Fp> p) {
      Fp2 xx = x.square();
      Fp2 yy = y.square();
      Fp2 zz = z.square();
      Fp2 e = G2Point.B.mul(zz.dbl().add(zz)); // 3b'Z²
      Fp2 h = y.add(z).square().sub(yy).sub(zz); // 2YZ
      Fp2 f3 = e.dbl().add(e); // 9b'Z²
      Fp2 a = x.mul(y).mul(Fp.HALF); // XY/2
      Fp2 g = yy.add(f3).mul(Fp.HALF);
      Fp2 newX = a.mul(yy.sub(f3));
      Fp2 e2 = e.square();
      Fp2 newY = g.square().sub(e2.dbl().add(e2));
      Fp2 newZ = yy.mul(h);
      Fp2 la = h.neg().mul(p.y());
      Fp2 lb = xx.dbl().add(xx).mul(p.x());
      Fp2 lc = e.sub(yy);
      x = newX;
      y = newY;
      z = newZ;
      return f.mulByLine(la, lb, lc);
    }

    /**
     * T ← T + (qx, qy); chord line λ·y_P - θ·x_P·w + (θ·qx - λ·qy)·w³ with θ = Y - qy·Z, λ = X -
     * qx·Z.
     */
    Fp12 addStep(Fp12 f, Affine<Fp> p, Fp2 qx, Fp2 qy) {
      Fp2 theta = y.sub(qy.mul(z));
      Fp2 lambda = x.sub(qx.mul(z));
      Fp2 c = theta.square();
      Fp2 d = lambda.square();
      Fp2 e = d.mul(lambda);
      Fp2 ff = z.mul(c);
      Fp2 g = x.mul(d);
      Fp2 h = e.add(ff).sub(g.dbl());
      Fp2 newX = lambda.mul(h);
      Fp2 newY = theta.mul(g.sub(h)).sub(y.mul(e));
      Fp2 newZ = z.mul(e);
      Fp2 la = lambda.mul(p.y());
      Fp2 lb = theta.neg().mul(p.x());
      Fp2 lc = theta.mul(qx).sub(lambda.mul(qy));
      x = newX;
      y = newY;
      z = newZ;
      return f.mulByLine(la, lb, lc);
    }
  }
}
