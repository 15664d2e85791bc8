package io.levity.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * A point of the sextic twist y² = x³ + 3/ξ over F_p2 in Jacobian coordinates; Z = 0 is the point
 * at infinity. Immutable. G2 is the subgroup of prime order r; the twist has many points outside
 * it, so decoding checks membership.
 */
public final class G2Point {
  static final Fp2 B = Fp2.XI.inverse().mul(Fp.of(3));
  public static final G2Point INFINITY = new G2Point(Fp2.ONE, Fp2.ONE, Fp2.ZERO);
  public static final G2Point GENERATOR =
      new G2Point(
          Fp2.of(
              new BigInteger(
                  "10857046999023057135944570762232829481370756359578518086990519993285655852781"),
              new BigInteger(
                  "11559732032986387107991004021392285783925812861821192530917403151452391805634")),
          Fp2.of(
              new BigInteger(
                  "8495653923123431417604973247489272438418190587263600148770280649306958101930"),
              new BigInteger(
                  "4082367875863433681332203403145435568316851327593401208105741076214120093531")),
          Fp2.ONE);

  final Fp2 x;
  final Fp2 y;
  final Fp2 z;

  G2Point(Fp2 x, Fp2 y, Fp2 z) {
    this.x = x;
    this.y = y;
    this.z = z;
  }

  /**
   * Decodes the 128-byte EVM encoding (x.imaginary, x.real, y.imaginary, y.real as 32-byte
   * big-endian words; all zero is infinity). Returns null when a coordinate is not below p, the
   * point is not on the twist, or it is not in the order-r subgroup.
   */
  public static G2Point decode(byte[] in, int off) {
    Fp xi = Fp.fromBytes(in, off);
    Fp xr = Fp.fromBytes(in, off + 32);
    Fp yi = Fp.fromBytes(in, off + 64);
    Fp yr = Fp.fromBytes(in, off + 96);
    if (xi == null || xr == null || yi == null || yr == null) return null;
    Fp2 x = new Fp2(xr, xi);
    Fp2 y = new Fp2(yr, yi);
    if (x.isZero() && y.isZero()) return INFINITY;
    G2Point p = new G2Point(x, y, Fp2.ONE);
    if (!p.isOnCurve() || !p.isInSubgroup()) return null;
    return p;
  }

  /** The 128-byte EVM encoding of the affine point; infinity encodes as zeros. */
  public byte[] encode() {
    byte[] out = new byte[128];
    if (isInfinity()) return out;
    Fp2[] a = affine();
    a[0].c1.toBytes(out, 0);
    a[0].c0.toBytes(out, 32);
    a[1].c1.toBytes(out, 64);
    a[1].c0.toBytes(out, 96);
    return out;
  }

  public boolean isInfinity() {
    return z.isZero();
  }

  boolean isOnCurve() {
    if (isInfinity()) return true;
    // Y² = X³ + b Z⁶
    Fp2 z2 = z.square();
    Fp2 z6 = z2.square().mul(z2);
    return y.square().equals(x.square().mul(x).add(B.mul(z6)));
  }

  /**
   * Membership in the order-r subgroup, tested as [u+1]Q + ψ([u]Q) + ψ²([u]Q) = ψ³([2u]Q): one
   * 63-bit scalar multiplication instead of the 254-bit [r]Q. It is exact. On G2, ψ acts as
   * multiplication by p, and (u+1) + up + up² - 2up³ ≡ 0 (mod r), so G2 passes. Conversely ψ
   * satisfies ψ² - tψ + p = 0 (t = 6u² + 1) on the whole twist, which reduces the tested
   * endomorphism to some a + bψ of degree N = a² + tab + pb²; N is coprime to the cofactor 2p - r,
   * so no point of the cofactor part but O passes. {@code CurveTest} re-derives these facts and
   * compares the test with [r]Q = O on random twist points.
   */
  boolean isInSubgroup() {
    if (isInfinity()) return true;
    G2Point uq = mul(Pairing.U);
    G2Point psiUq = uq.psi();
    G2Point lhs = uq.add(this).add(psiUq).add(psiUq.psi());
    G2Point rhs = uq.dbl().psi().psi().psi();
    return lhs.equals(rhs);
  }

  /** The affine coordinates {x, y}; not defined for infinity. */
  Fp2[] affine() {
    if (z.equals(Fp2.ONE)) return new Fp2[] {x, y}; // freshly decoded points
    Fp2 zInv = z.inverse();
    Fp2 zInv2 = zInv.square();
    return new Fp2[] {x.mul(zInv2), y.mul(zInv2).mul(zInv)};
  }

  /** The untwist-Frobenius-twist endomorphism ψ(x, y) = (x̄·ξ^((p-1)/3), ȳ·ξ^((p-1)/2)). */
  G2Point psi() {
    if (isInfinity()) return this;
    // in Jacobian form z is conjugated too, which keeps x/z² and y/z³ consistent
    return new G2Point(
        x.conjugate().mul(Fp12.frobeniusCoefficient(1, 2)),
        y.conjugate().mul(Fp12.frobeniusCoefficient(1, 3)),
        z.conjugate());
  }

  public G2Point negate() {
    return new G2Point(x, y.neg(), z);
  }

  public G2Point dbl() {
    if (isInfinity() || y.isZero()) return INFINITY;
    Fp2 a = x.square();
    Fp2 b = y.square();
    Fp2 c = b.square();
    Fp2 d = x.add(b).square().sub(a).sub(c).dbl();
    Fp2 e = a.dbl().add(a);
    Fp2 f = e.square();
    Fp2 x3 = f.sub(d.dbl());
    Fp2 y3 = e.mul(d.sub(x3)).sub(c.dbl().dbl().dbl());
    Fp2 z3 = y.mul(z).dbl();
    return new G2Point(x3, y3, z3);
  }

  public G2Point add(G2Point o) {
    if (isInfinity()) return o;
    if (o.isInfinity()) return this;
    Fp2 z1z1 = z.square();
    Fp2 z2z2 = o.z.square();
    Fp2 u1 = x.mul(z2z2);
    Fp2 u2 = o.x.mul(z1z1);
    Fp2 s1 = y.mul(o.z).mul(z2z2);
    Fp2 s2 = o.y.mul(z).mul(z1z1);
    Fp2 h = u2.sub(u1);
    Fp2 r = s2.sub(s1).dbl();
    if (h.isZero()) return r.isZero() ? dbl() : INFINITY;
    Fp2 i = h.dbl().square();
    Fp2 j = h.mul(i);
    Fp2 v = u1.mul(i);
    Fp2 x3 = r.square().sub(j).sub(v.dbl());
    Fp2 y3 = r.mul(v.sub(x3)).sub(s1.mul(j).dbl());
    Fp2 z3 = z.add(o.z).square().sub(z1z1).sub(z2z2).mul(h);
    return new G2Point(x3, y3, z3);
  }

  /**
   * Scalar multiplication by a non-negative integer, with a width-4 NAF (odd multiples up to 7).
   */
  public G2Point mul(BigInteger k) {
    if (k.signum() < 0) throw new IllegalArgumentException("negative scalar");
    if (k.signum() == 0 || isInfinity()) return INFINITY;
    G2Point twice = dbl();
    G2Point[] odd = new G2Point[4]; // P, 3P, 5P, 7P
    odd[0] = this;
    for (int i = 1; i < odd.length; i++) odd[i] = odd[i - 1].add(twice);
    int[] digits = Naf.of(k, 4);
    G2Point r = INFINITY;
    for (int i = digits.length - 1; i >= 0; i--) {
      r = r.dbl();
      int d = digits[i];
      if (d > 0) r = r.add(odd[d >> 1]);
      else if (d < 0) r = r.add(odd[-d >> 1].negate());
    }
    return r;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof G2Point p)) return false;
    if (isInfinity() || p.isInfinity()) return isInfinity() && p.isInfinity();
    Fp2 z1z1 = z.square();
    Fp2 z2z2 = p.z.square();
    return x.mul(z2z2).equals(p.x.mul(z1z1)) && y.mul(p.z).mul(z2z2).equals(p.y.mul(z).mul(z1z1));
  }

  @Override
  public int hashCode() {
    return isInfinity() ? 0 : affine()[0].hashCode();
  }

  @Override
  public String toString() {
    if (isInfinity()) return "G2(infinity)";
    Fp2[] a = affine();
    return "G2(" + a[0] + ", " + a[1] + ")";
  }
}
