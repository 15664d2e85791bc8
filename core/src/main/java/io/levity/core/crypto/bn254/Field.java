package io.levity.core.crypto.bn254;

/**
 * The field operations the curve formulas use: {@link JacobianPoint} computes over F_p for G1 and
 * over F_p2 for G2 with the same code.
 *
 * @param <F> the implementing type
 */
interface Field<F extends Field<F>> extends Ring<F> {
  F add(F b);

  F sub(F b);

  F dbl();

  F neg();

  /** The multiplicative inverse; zero for zero (callers never ask for it). */
  F inverse();

  boolean isZero();

  /** The additive identity. */
  F zero();
}
