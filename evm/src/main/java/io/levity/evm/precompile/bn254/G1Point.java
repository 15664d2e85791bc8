package io.levity.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * A point of the bn254 curve y² = x³ + 3 over F_p in Jacobian coordinates (x = X/Z², y = Y/Z³); Z =
 * 0 is the point at infinity. Immutable. The group has prime order, so every point on the curve is
 * in G1.
 */
public final class G1Point {
  static final Fp B = Fp.of(3);
  public static final G1Point INFINITY = new G1Point(Fp.ONE, Fp.ONE, Fp.ZERO);
  public static final G1Point GENERATOR = new G1Point(Fp.ONE, Fp.of(2), Fp.ONE);

  final Fp x;
  final Fp y;
  final Fp z;

  G1Point(Fp x, Fp y, Fp z) {
    this.x = x;
    this.y = y;
    this.z = z;
  }

  /**
   * Decodes the 64-byte EVM encoding (x, y as 32-byte big-endian words; (0, 0) is infinity).
   * Returns null when a coordinate is not below p or the point is not on the curve.
   */
  public static G1Point decode(byte[] in, int off) {
    Fp x = Fp.fromBytes(in, off);
    Fp y = Fp.fromBytes(in, off + 32);
    if (x == null || y == null) return null;
    if (x.isZero() && y.isZero()) return INFINITY;
    if (!y.square().equals(x.square().mul(x).add(B))) return null;
    return new G1Point(x, y, Fp.ONE);
  }

  /** The 64-byte EVM encoding of the affine point; infinity encodes as zeros. */
  public byte[] encode() {
    byte[] out = new byte[64];
    if (isInfinity()) return out;
    Fp zInv = z.inverse();
    Fp zInv2 = zInv.square();
    x.mul(zInv2).toBytes(out, 0);
    y.mul(zInv2).mul(zInv).toBytes(out, 32);
    return out;
  }

  public boolean isInfinity() {
    return z.isZero();
  }

  /** The affine coordinates {x, y}; not defined for infinity. */
  Fp[] affine() {
    if (z.equals(Fp.ONE)) return new Fp[] {x, y}; // freshly decoded points
    Fp zInv = z.inverse();
    Fp zInv2 = zInv.square();
    return new Fp[] {x.mul(zInv2), y.mul(zInv2).mul(zInv)};
  }

  public G1Point negate() {
    return new G1Point(x, y.neg(), z);
  }

  public G1Point dbl() {
    if (isInfinity() || y.isZero()) return INFINITY;
    Fp a = x.square();
    Fp b = y.square();
    Fp c = b.square();
    Fp d = x.add(b).square().sub(a).sub(c).dbl();
    Fp e = a.dbl().add(a);
    Fp f = e.square();
    Fp x3 = f.sub(d.dbl());
    Fp y3 = e.mul(d.sub(x3)).sub(c.dbl().dbl().dbl());
    Fp z3 = y.mul(z).dbl();
    return new G1Point(x3, y3, z3);
  }

  public G1Point add(G1Point o) {
    if (isInfinity()) return o;
    if (o.isInfinity()) return this;
    Fp z1z1 = z.square();
    Fp z2z2 = o.z.square();
    Fp u1 = x.mul(z2z2);
    Fp u2 = o.x.mul(z1z1);
    Fp s1 = y.mul(o.z).mul(z2z2);
    Fp s2 = o.y.mul(z).mul(z1z1);
    Fp h = u2.sub(u1);
    Fp r = s2.sub(s1).dbl();
    if (h.isZero()) return r.isZero() ? dbl() : INFINITY;
    Fp i = h.dbl().square();
    Fp j = h.mul(i);
    Fp v = u1.mul(i);
    Fp x3 = r.square().sub(j).sub(v.dbl());
    Fp y3 = r.mul(v.sub(x3)).sub(s1.mul(j).dbl());
    Fp z3 = z.add(o.z).square().sub(z1z1).sub(z2z2).mul(h);
    return new G1Point(x3, y3, z3);
  }

  /**
   * Scalar multiplication by a non-negative integer, with a width-4 NAF (odd multiples up to 7).
   */
  public G1Point mul(BigInteger k) {
    if (k.signum() < 0) throw new IllegalArgumentException("negative scalar");
    if (k.signum() == 0 || isInfinity()) return INFINITY;
    G1Point twice = dbl();
    G1Point[] odd = new G1Point[4]; // P, 3P, 5P, 7P
    odd[0] = this;
    for (int i = 1; i < odd.length; i++) odd[i] = odd[i - 1].add(twice);
    int[] digits = Naf.of(k, 4);
    G1Point r = INFINITY;
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
    if (!(o instanceof G1Point p)) return false;
    if (isInfinity() || p.isInfinity()) return isInfinity() && p.isInfinity();
    Fp z1z1 = z.square();
    Fp z2z2 = p.z.square();
    return x.mul(z2z2).equals(p.x.mul(z1z1)) && y.mul(p.z).mul(z2z2).equals(p.y.mul(z).mul(z1z1));
  }

  @Override
  public int hashCode() {
    return isInfinity() ? 0 : affine()[0].hashCode();
  }

  @Override
  public String toString() {
    if (isInfinity()) return "G1(infinity)";
    Fp[] a = affine();
    return "G1(" + a[0] + ", " + a[1] + ")";
  }
}
