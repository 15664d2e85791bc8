package io.levity.core.crypto.bn254;

import java.math.BigInteger;

/**
 * A point of the bn254 curve y² = x³ + 3 over F_p in Jacobian coordinates (x = X/Z², y = Y/Z³); Z =
 * 0 is the point at infinity. Immutable. The group has prime order, so every point on the curve is
 * in G1.
 */
public final class G1Point extends JacobianPoint<Fp, G1Point> {
  /** The base field's modulus p. */
  public static final BigInteger FIELD_MODULUS = Fp.MODULUS;

  /** The prime order r of G1 (and of G2): the scalar field of keys built on this curve. */
  public static final BigInteger ORDER =
      new BigInteger("30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001", 16);

  static final Fp B = Fp.of(3);
  public static final G1Point INFINITY = new G1Point(Fp.ONE, Fp.ONE, Fp.ZERO);
  public static final G1Point GENERATOR = new G1Point(Fp.ONE, Fp.of(2), Fp.ONE);

  G1Point(Fp x, Fp y, Fp z) {
    super(x, y, z);
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
    Affine<Fp> a = affine();
    a.x().toBytes(out, 0);
    a.y().toBytes(out, 32);
    return out;
  }

  @Override
  G1Point point(Fp x, Fp y, Fp z) {
    return new G1Point(x, y, z);
  }
}
