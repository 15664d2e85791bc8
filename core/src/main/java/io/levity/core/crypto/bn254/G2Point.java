package io.levity.core.crypto.bn254;

import java.math.BigInteger;

/**
 * A point of the sextic twist y² = x³ + 3/ξ over F_p2 in Jacobian coordinates; Z = 0 is the point
 * at infinity. Immutable. G2 is the subgroup of prime order r; the twist has many points outside
 * it, so decoding checks membership.
 */
public final class G2Point extends JacobianPoint<Fp2, G2Point> {
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

  G2Point(Fp2 x, Fp2 y, Fp2 z) {
    super(x, y, z);
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
    Affine<Fp2> a = affine();
    a.x().c1().toBytes(out, 0);
    a.x().c0().toBytes(out, 32);
    a.y().c1().toBytes(out, 64);
    a.y().c0().toBytes(out, 96);
    return out;
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

  /** The untwist-Frobenius-twist endomorphism ψ(x, y) = (x̄·ξ^((p-1)/3), ȳ·ξ^((p-1)/2)). */
  G2Point psi() {
    if (isInfinity()) return this;
    // in Jacobian form z is conjugated too, which keeps x/z² and y/z³ consistent
    return new G2Point(
        x.conjugate().mul(Fp12.frobeniusCoefficient(1, 2)),
        y.conjugate().mul(Fp12.frobeniusCoefficient(1, 3)),
        z.conjugate());
  }

  @Override
  G2Point point(Fp2 x, Fp2 y, Fp2 z) {
    return new G2Point(x, y, z);
  }
}
