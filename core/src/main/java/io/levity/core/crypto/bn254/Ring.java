package io.levity.core.crypto.bn254;

import java.math.BigInteger;

/**
 * Multiplication in one of the tower's fields, and exponentiation built on it.
 *
 * @param <T> the implementing type
 */
interface Ring<T extends Ring<T>> {
  T mul(T b);

  T square();

  /** The multiplicative identity. */
  T one();

  /** this^e by square-and-multiply, most significant bit first. */
  default T pow(BigInteger e) {
    @SuppressWarnings("unchecked") // every implementation is its own T
    T self = (T) this;
    T r = one();
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      r = r.square();
      if (e.testBit(i)) r = r.mul(self);
    }
    return r;
  }
}
