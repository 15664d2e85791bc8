package io.levity.core.crypto.bn254;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Width-w non-adjacent forms of non-negative integers, for scalar multiplication and exponentiation
 * loops.
 */
final class Naf {
  private Naf() {}

  /**
   * Signed digits of k, least significant first: each is zero or odd with |d| < 2^(w-1), and any
   * non-zero digit is followed by at least w - 1 zeros. Width 2 is the ordinary NAF.
   */
  static int[] of(BigInteger k, int width) {
    if (k.signum() < 0) throw new IllegalArgumentException("negative scalar");
    int[] digits = new int[k.bitLength() + 1];
    int modulus = 1 << width;
    int n = 0;
    BigInteger rest = k;
    while (rest.signum() > 0) {
      int d = 0;
      if (rest.testBit(0)) {
        d = rest.intValue() & (modulus - 1);
        if (d >= modulus / 2) d -= modulus;
        rest = rest.subtract(BigInteger.valueOf(d));
      }
      digits[n++] = d;
      rest = rest.shiftRight(1);
    }
    return Arrays.copyOf(digits, n);
  }
}
