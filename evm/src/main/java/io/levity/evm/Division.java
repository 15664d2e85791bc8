package io.levity.evm;

/**
 * EVM division and modular arithmetic on words in flat {@code long[]} arrays (layout as in {@link
 * Arith}): DIV, SDIV, MOD, SMOD, ADDMOD and MULMOD, on Knuth's algorithm D over 32-bit digits. No
 * allocation: each interpreter has one {@link Scratch}.
 */
final class Division {
  private static final long M32 = 0xffff_ffffL;

  private Division() {}

  /** Temporary arrays for division, MULMOD and EXP; one per interpreter (not thread-safe). */
  static final class Scratch {
    final long[] u = new long[17]; // dividend in 32-bit digits
    final long[] v = new long[8]; // divisor in 32-bit digits
    final long[] q = new long[16];
    final long[] r = new long[8];
    final long[] un = new long[17];
    final long[] vn = new long[8];
    final long[] wide = new long[8]; // up to 512-bit operands in 64-bit limbs
    final long[] quot = new long[8];
    final long[] rem = new long[4];
    final long[] acc = new long[4];
    final long[] base = new long[4];
  }

  static void div(Scratch sc, long[] s, int a, int b) {
    if (Arith.isZero(s, b)) return; // x / 0 = 0; b is already zero
    if ((s[a + 1] | s[a + 2] | s[a + 3] | s[b + 1] | s[b + 2] | s[b + 3]) == 0) {
      Arith.set(s, b, Long.divideUnsigned(s[a], s[b]));
      return;
    }
    if (Arith.compareUnsigned(s, a, s, b) < 0) {
      Arith.setZero(s, b);
      return;
    }
    divRem(sc, s, a, 4, s, b);
    System.arraycopy(sc.quot, 0, s, b, 4);
  }

  static void mod(Scratch sc, long[] s, int a, int b) {
    if (Arith.isZero(s, b)) return;
    if ((s[a + 1] | s[a + 2] | s[a + 3] | s[b + 1] | s[b + 2] | s[b + 3]) == 0) {
      Arith.set(s, b, Long.remainderUnsigned(s[a], s[b]));
      return;
    }
    if (Arith.compareUnsigned(s, a, s, b) < 0) {
      System.arraycopy(s, a, s, b, 4);
      return;
    }
    divRem(sc, s, a, 4, s, b);
    System.arraycopy(sc.rem, 0, s, b, 4);
  }

  static void sdiv(Scratch sc, long[] s, int a, int b) {
    if (Arith.isZero(s, b)) return;
    boolean negA = s[a + 3] < 0;
    boolean negB = s[b + 3] < 0;
    long[] w = sc.wide;
    System.arraycopy(s, a, w, 0, 4);
    System.arraycopy(s, b, w, 4, 4);
    if (negA) Arith.negate(w, 0);
    if (negB) Arith.negate(w, 4);
    div(sc, w, 0, 4);
    System.arraycopy(w, 4, s, b, 4);
    if (negA != negB) Arith.negate(s, b);
  }

  static void smod(Scratch sc, long[] s, int a, int b) {
    if (Arith.isZero(s, b)) return;
    boolean negA = s[a + 3] < 0;
    long[] w = sc.wide;
    System.arraycopy(s, a, w, 0, 4);
    System.arraycopy(s, b, w, 4, 4);
    if (negA) Arith.negate(w, 0);
    if (w[7] < 0) Arith.negate(w, 4);
    mod(sc, w, 0, 4);
    System.arraycopy(w, 4, s, b, 4);
    if (negA) Arith.negate(s, b);
  }

  /** ADDMOD: operands a (top), b, n at c; result at c. */
  static void addmod(Scratch sc, long[] s, int a, int b, int c) {
    if (Arith.isZero(s, c)) return;
    // the 257-bit sum: its low 256 bits by ADD into w[0..3], the carry from the top limbs
    long[] w = sc.wide;
    System.arraycopy(s, b, w, 0, 4);
    System.arraycopy(s, a, w, 4, 4);
    long y3 = w[3];
    Arith.add(w, 4, 0);
    long k = Arith.carry(w[7], y3, w[3]);
    w[4] = k;
    reduce(sc, w, k == 0 ? 4 : 5, s, c);
  }

  /** MULMOD: operands a (top), b, n at c; result at c. */
  static void mulmod(Scratch sc, long[] s, int a, int b, int c) {
    if (Arith.isZero(s, c)) return;
    long[] w = sc.wide;
    Arith.mulWide(s, a, s, b, w);
    int limbs = 8;
    while (limbs > 1 && w[limbs - 1] == 0) limbs--;
    reduce(sc, w, limbs, s, c);
  }

  /** s[c] = w (of {@code limbs} limbs) mod s[c]; s[c] is non-zero. */
  private static void reduce(Scratch sc, long[] w, int limbs, long[] s, int c) {
    if (limbs <= 4 && (s[c + 1] | s[c + 2] | s[c + 3]) == 0 && (w[1] | w[2] | w[3]) == 0) {
      Arith.set(s, c, Long.remainderUnsigned(w[0], s[c]));
      return;
    }
    divRem(sc, w, 0, limbs, s, c);
    System.arraycopy(sc.rem, 0, s, c, 4);
  }

  /**
   * Unsigned division of a {@code ulimbs}-limb number (at most 8 limbs) by a non-zero 4-limb
   * divisor; quotient limbs into sc.quot (up to 8), remainder into sc.rem. Knuth's algorithm D on
   * 32-bit digits.
   */
  static void divRem(Scratch sc, long[] u, int uo, int ulimbs, long[] d, int dOff) {
    long[] ud = sc.u;
    long[] vd = sc.v;
    int m = toDigits(u, uo, ulimbs, ud);
    int n = toDigits(d, dOff, 4, vd);
    long[] q = sc.q;
    long[] r = sc.r;
    for (int i = 0; i < 16; i++) q[i] = 0;
    for (int i = 0; i < 8; i++) r[i] = 0;
    if (m < n) {
      System.arraycopy(ud, 0, r, 0, m);
    } else {
      knuth(ud, m, vd, n, q, r, sc.un, sc.vn);
    }
    for (int i = 0; i < 8; i++) sc.quot[i] = q[2 * i] | (q[2 * i + 1] << 32);
    for (int i = 0; i < 4; i++) sc.rem[i] = r[2 * i] | (r[2 * i + 1] << 32);
  }

  /** Splits limbs into 32-bit digits; returns the count of significant digits (at least 1). */
  private static int toDigits(long[] x, int xo, int limbs, long[] out) {
    for (int i = 0; i < limbs; i++) {
      long l = x[xo + i];
      out[2 * i] = l & M32;
      out[2 * i + 1] = l >>> 32;
    }
    int n = 2 * limbs;
    while (n > 1 && out[n - 1] == 0) n--;
    return n;
  }

  private static void knuth(
      long[] u, int m, long[] v, int n, long[] q, long[] r, long[] un, long[] vn) {
    if (n == 1) {
      long dv = v[0];
      long k = 0;
      for (int j = m - 1; j >= 0; j--) {
        long cur = (k << 32) | u[j];
        long qj = Long.divideUnsigned(cur, dv);
        q[j] = qj;
        k = cur - qj * dv;
      }
      r[0] = k;
      return;
    }
    int sh = Long.numberOfLeadingZeros(v[n - 1]) - 32;
    for (int i = n - 1; i > 0; i--) vn[i] = ((v[i] << sh) | (v[i - 1] >>> (32 - sh))) & M32;
    vn[0] = (v[0] << sh) & M32;
    un[m] = u[m - 1] >>> (32 - sh);
    for (int i = m - 1; i > 0; i--) un[i] = ((u[i] << sh) | (u[i - 1] >>> (32 - sh))) & M32;
    un[0] = (u[0] << sh) & M32;
    long vTop = vn[n - 1];
    long vNext = vn[n - 2];
    for (int j = m - n; j >= 0; j--) {
      long num = (un[j + n] << 32) | un[j + n - 1];
      long qhat = Long.divideUnsigned(num, vTop);
      long rhat = num - qhat * vTop;
      while (qhat > M32 || Long.compareUnsigned(qhat * vNext, (rhat << 32) | un[j + n - 2]) > 0) {
        qhat--;
        rhat += vTop;
        if (rhat > M32) break;
      }
      long k = 0;
      long t;
      for (int i = 0; i < n; i++) {
        long p = qhat * vn[i];
        t = un[i + j] - k - (p & M32);
        un[i + j] = t & M32;
        k = (p >>> 32) - (t >> 32);
      }
      t = un[j + n] - k;
      un[j + n] = t & M32;
      if (t < 0) {
        qhat--;
        k = 0;
        for (int i = 0; i < n; i++) {
          t = un[i + j] + vn[i] + k;
          un[i + j] = t & M32;
          k = t >>> 32;
        }
        un[j + n] = (un[j + n] + k) & M32;
      }
      q[j] = qhat;
    }
    for (int i = 0; i < n; i++) r[i] = ((un[i] >>> sh) | (un[i + 1] << (32 - sh))) & M32;
  }
}
