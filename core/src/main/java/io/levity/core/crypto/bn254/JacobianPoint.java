package io.levity.core.crypto.bn254;

import java.math.BigInteger;

/**
 * A point of a short Weierstrass curve y² = x³ + b (a = 0) over a field F, in Jacobian coordinates
 * (x = X/Z², y = Y/Z³); Z = 0 is the point at infinity. Immutable. The formulas are the same for G1
 * over F_p and G2 over F_p2, so they are written once here: doubling dbl-2009-l and addition
 * add-2007-bl (Explicit-Formulas Database), and scalar multiplication with a width-4 NAF.
 *
 * @param <F> the coordinate field
 * @param <P> the point type itself
 */
abstract class JacobianPoint<F extends Field<F>, P extends JacobianPoint<F, P>> {
  /** Affine coordinates of a finite point. */
  record Affine<F>(F x, F y) {}

  final F x;
  final F y;
  final F z;

  JacobianPoint(F x, F y, F z) {
    this.x = x;
    this.y = y;
    this.z = z;
  }

  /** A point of the same curve. */
  abstract P point(F x, F y, F z);

  /** The point at infinity of this curve. */
  final P infinity() {
    return point(z.one(), z.one(), z.zero());
  }

  public boolean isInfinity() {
    return z.isZero();
  }

  /** The affine coordinates; not defined for infinity. */
  Affine<F> affine() {
    if (z.equals(z.one())) return new Affine<>(x, y); // freshly decoded points
    F zInv = z.inverse();
    F zInv2 = zInv.square();
    return new Affine<>(x.mul(zInv2), y.mul(zInv2).mul(zInv));
  }

  public P negate() {
    return point(x, y.neg(), z);
  }

  public P dbl() {
    if (isInfinity() || y.isZero()) return infinity();
    F a = x.square();
    F b = y.square();
    F c = b.square();
    F d = x.add(b).square().sub(a).sub(c).dbl();
    F e = a.dbl().add(a);
    F f = e.square();
    F x3 = f.sub(d.dbl());
    F y3 = e.mul(d.sub(x3)).sub(c.dbl().dbl().dbl());
    F z3 = y.mul(z).dbl();
    return point(x3, y3, z3);
  }

  public P add(P o) {
    if (isInfinity()) return o;
    if (o.isInfinity()) return self();
    F z1z1 = z.square();
    F z2z2 = o.z.square();
    F u1 = x.mul(z2z2);
    F u2 = o.x.mul(z1z1);
    F s1 = y.mul(o.z).mul(z2z2);
    F s2 = o.y.mul(z).mul(z1z1);
    F h = u2.sub(u1);
    F r = s2.sub(s1).dbl();
    if (h.isZero()) return r.isZero() ? dbl() : infinity();
    F i = h.dbl().square();
    F j = h.mul(i);
    F v = u1.mul(i);
    F x3 = r.square().sub(j).sub(v.dbl());
    F y3 = r.mul(v.sub(x3)).sub(s1.mul(j).dbl());
    F z3 = z.add(o.z).square().sub(z1z1).sub(z2z2).mul(h);
    return point(x3, y3, z3);
  }

  /**
   * Scalar multiplication by a non-negative integer, with a width-4 NAF (odd multiples up to 7).
   */
  public P mul(BigInteger k) {
    if (k.signum() < 0) throw new IllegalArgumentException("negative scalar");
    if (k.signum() == 0 || isInfinity()) return infinity();
    P twice = dbl();
    @SuppressWarnings("unchecked") // an array of the point type; only P is stored
    P[] odd = (P[]) new JacobianPoint<?, ?>[4]; // P, 3P, 5P, 7P
    odd[0] = self();
    for (int i = 1; i < odd.length; i++) odd[i] = odd[i - 1].add(twice);
    int[] digits = Naf.of(k, 4);
    P r = infinity();
    for (int i = digits.length - 1; i >= 0; i--) {
      r = r.dbl();
      int d = digits[i];
      if (d > 0) r = r.add(odd[d >> 1]);
      else if (d < 0) r = r.add(odd[-d >> 1].negate());
    }
    return r;
  }

  /** Equal as points: the same affine point, whatever the Z of each. */
  @Override
  public boolean equals(Object o) {
    // a G1 point never equals a G2 point: their coordinates are in different fields
    if (!(o instanceof JacobianPoint<?, ?> other) || !other.z.one().equals(z.one())) return false;
    @SuppressWarnings("unchecked") // the same field, so the same curve
    JacobianPoint<F, P> p = (JacobianPoint<F, P>) other;
    if (isInfinity() || p.isInfinity()) return isInfinity() && p.isInfinity();
    F z1z1 = z.square();
    F z2z2 = p.z.square();
    return x.mul(z2z2).equals(p.x.mul(z1z1)) && y.mul(p.z).mul(z2z2).equals(p.y.mul(z).mul(z1z1));
  }

  @Override
  public int hashCode() {
    return isInfinity() ? 0 : affine().x().hashCode();
  }

  @Override
  public String toString() {
    String group = getClass().getSimpleName();
    if (isInfinity()) return group + "(infinity)";
    Affine<F> a = affine();
    return group + "(" + a.x() + ", " + a.y() + ")";
  }

  private P self() {
    @SuppressWarnings("unchecked") // every subclass is its own P
    P p = (P) this;
    return p;
  }
}
