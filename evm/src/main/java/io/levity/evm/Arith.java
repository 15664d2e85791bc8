package io.levity.evm;

/**
 * 256-bit EVM arithmetic on words held in flat {@code long[]} arrays: a word at offset {@code o}
 * occupies {@code s[o..o+3]}, least significant limb first. Binary operations read operands at
 * offsets {@code a} (the top of the stack, the first operand) and {@code b}, and write the result
 * at {@code b}. Division and the modular operations are in {@link Division}.
 */
final class Arith {
  private Arith() {}

  static boolean isZero(long[] s, int o) {
    return (s[o] | s[o + 1] | s[o + 2] | s[o + 3]) == 0;
  }

  static void set(long[] s, int o, long v) {
    s[o] = v;
    s[o + 1] = 0;
    s[o + 2] = 0;
    s[o + 3] = 0;
  }

  static void setZero(long[] s, int o) {
    s[o] = 0;
    s[o + 1] = 0;
    s[o + 2] = 0;
    s[o + 3] = 0;
  }

  /** Carry out of the top bit of x + y (+ carry in) given the sum r. */
  static long carry(long x, long y, long r) {
    return ((x & y) | ((x | y) & ~r)) >>> 63;
  }

  private static long borrow(long x, long y, long r) {
    return ((~x & y) | (~(x ^ y) & r)) >>> 63;
  }

  static void add(long[] s, int a, int b) {
    long x0 = s[a], x1 = s[a + 1], x2 = s[a + 2], x3 = s[a + 3];
    long y0 = s[b], y1 = s[b + 1], y2 = s[b + 2], y3 = s[b + 3];
    long r0 = x0 + y0;
    long c = carry(x0, y0, r0);
    long r1 = x1 + y1 + c;
    c = carry(x1, y1, r1);
    long r2 = x2 + y2 + c;
    c = carry(x2, y2, r2);
    s[b] = r0;
    s[b + 1] = r1;
    s[b + 2] = r2;
    s[b + 3] = x3 + y3 + c;
  }

  /** s[b] = s[a] - s[b]. */
  static void sub(long[] s, int a, int b) {
    long x0 = s[a], x1 = s[a + 1], x2 = s[a + 2], x3 = s[a + 3];
    long y0 = s[b], y1 = s[b + 1], y2 = s[b + 2], y3 = s[b + 3];
    long r0 = x0 - y0;
    long c = borrow(x0, y0, r0);
    long r1 = x1 - y1 - c;
    c = borrow(x1, y1, r1);
    long r2 = x2 - y2 - c;
    c = borrow(x2, y2, r2);
    s[b] = r0;
    s[b + 1] = r1;
    s[b + 2] = r2;
    s[b + 3] = x3 - y3 - c;
  }

  /** Two's complement negation in place. */
  static void negate(long[] s, int o) {
    long r0 = ~s[o] + 1;
    long c = r0 == 0 ? 1 : 0;
    long r1 = ~s[o + 1] + c;
    c = (c == 1 && r1 == 0) ? 1 : 0;
    long r2 = ~s[o + 2] + c;
    c = (c == 1 && r2 == 0) ? 1 : 0;
    s[o] = r0;
    s[o + 1] = r1;
    s[o + 2] = r2;
    s[o + 3] = ~s[o + 3] + c;
  }

  private static long ult(long x, long y) {
    return Long.compareUnsigned(x, y) < 0 ? 1 : 0;
  }

  /** out = x * y mod 2^256; out may alias x or y. */
  static void mul(long[] x, int xo, long[] y, int yo, long[] out, int oo) {
    long a0 = x[xo], a1 = x[xo + 1], a2 = x[xo + 2], a3 = x[xo + 3];
    long b0 = y[yo], b1 = y[yo + 1], b2 = y[yo + 2], b3 = y[yo + 3];
    // row 0
    long r0 = a0 * b0;
    long c = Math.unsignedMultiplyHigh(a0, b0);
    long lo = a0 * b1;
    long r1 = lo + c;
    c = Math.unsignedMultiplyHigh(a0, b1) + ult(r1, lo);
    lo = a0 * b2;
    long r2 = lo + c;
    c = Math.unsignedMultiplyHigh(a0, b2) + ult(r2, lo);
    long r3 = a0 * b3 + c;
    // row 1
    lo = a1 * b0;
    long t = r1 + lo;
    c = Math.unsignedMultiplyHigh(a1, b0) + ult(t, lo);
    r1 = t;
    lo = a1 * b1;
    t = r2 + lo;
    long hi = Math.unsignedMultiplyHigh(a1, b1) + ult(t, lo);
    long t2 = t + c;
    hi += ult(t2, t);
    r2 = t2;
    r3 += a1 * b2 + hi;
    // row 2
    lo = a2 * b0;
    t = r2 + lo;
    c = Math.unsignedMultiplyHigh(a2, b0) + ult(t, lo);
    r2 = t;
    r3 += a2 * b1 + c;
    // row 3
    r3 += a3 * b0;
    out[oo] = r0;
    out[oo + 1] = r1;
    out[oo + 2] = r2;
    out[oo + 3] = r3;
  }

  /** The full 512-bit product into w[0..7]. */
  static void mulWide(long[] x, int xo, long[] y, int yo, long[] w) {
    for (int i = 0; i < 8; i++) w[i] = 0;
    for (int i = 0; i < 4; i++) {
      long xi = x[xo + i];
      long c = 0;
      for (int j = 0; j < 4; j++) {
        long yj = y[yo + j];
        long lo = xi * yj;
        long hi = Math.unsignedMultiplyHigh(xi, yj);
        long t = w[i + j] + lo;
        hi += ult(t, lo);
        long t2 = t + c;
        hi += ult(t2, t);
        w[i + j] = t2;
        c = hi;
      }
      w[i + 4] = c;
    }
  }

  /** EXP: base at a (top), exponent at b; result at b. */
  static void exp(Division.Scratch sc, long[] s, int a, int b) {
    long e0 = s[b], e1 = s[b + 1], e2 = s[b + 2], e3 = s[b + 3];
    if ((e0 | e1 | e2 | e3) == 0) {
      set(s, b, 1);
      return;
    }
    if ((s[a + 1] | s[a + 2] | s[a + 3]) == 0) {
      long x = s[a];
      if (x == 0 || x == 1) {
        set(s, b, x);
        return;
      }
      if (x == 2) {
        // 2^e: a single bit, or zero once e >= 256
        setZero(s, b);
        if ((e1 | e2 | e3) == 0 && Long.compareUnsigned(e0, 256) < 0)
          s[b + (int) (e0 >>> 6)] = 1L << (e0 & 63);
        return;
      }
    }
    long[] base = sc.base;
    long[] acc = sc.acc;
    System.arraycopy(s, a, base, 0, 4);
    set(acc, 0, 1);
    int bits =
        e3 != 0
            ? 256 - Long.numberOfLeadingZeros(e3)
            : e2 != 0
                ? 192 - Long.numberOfLeadingZeros(e2)
                : e1 != 0
                    ? 128 - Long.numberOfLeadingZeros(e1)
                    : 64 - Long.numberOfLeadingZeros(e0);
    for (int i = bits - 1; i >= 0; i--) {
      mul(acc, 0, acc, 0, acc, 0);
      long limb = s[b + (i >>> 6)];
      if (((limb >>> (i & 63)) & 1) != 0) mul(acc, 0, base, 0, acc, 0);
    }
    System.arraycopy(acc, 0, s, b, 4);
  }

  /** Number of significant bytes of the word (for EXP gas). */
  static int byteLength(long[] s, int o) {
    for (int i = 3; i >= 0; i--) {
      long l = s[o + i];
      if (l != 0) return i * 8 + 8 - Long.numberOfLeadingZeros(l) / 8;
    }
    return 0;
  }

  /** SIGNEXTEND: byte index at a (top), value at b. */
  static void signExtend(long[] s, int a, int b) {
    if ((s[a + 1] | s[a + 2] | s[a + 3]) != 0 || Long.compareUnsigned(s[a], 31) >= 0) return;
    int bit = (int) s[a] * 8 + 7;
    int limb = bit >>> 6;
    int off = bit & 63;
    boolean neg = ((s[b + limb] >>> off) & 1) != 0;
    if (neg) {
      s[b + limb] |= -1L << off;
      for (int i = limb + 1; i < 4; i++) s[b + i] = -1L;
    } else {
      if (off != 63) s[b + limb] &= (1L << (off + 1)) - 1;
      for (int i = limb + 1; i < 4; i++) s[b + i] = 0;
    }
  }

  static int compareUnsigned(long[] x, int xo, long[] y, int yo) {
    for (int i = 3; i >= 0; i--) {
      long p = x[xo + i], q = y[yo + i];
      if (p != q) return Long.compareUnsigned(p, q);
    }
    return 0;
  }

  static int compareSigned(long[] s, int a, int b) {
    if (s[a + 3] != s[b + 3]) return Long.compare(s[a + 3], s[b + 3]);
    return compareUnsigned(s, a, s, b);
  }

  static boolean eq(long[] s, int a, int b) {
    return s[a] == s[b] && s[a + 1] == s[b + 1] && s[a + 2] == s[b + 2] && s[a + 3] == s[b + 3];
  }

  /** BYTE: index at a (top), value at b; the byte counts from the most significant end. */
  static void byteOp(long[] s, int a, int b) {
    if ((s[a + 1] | s[a + 2] | s[a + 3]) != 0 || Long.compareUnsigned(s[a], 32) >= 0) {
      setZero(s, b);
      return;
    }
    int i = (int) s[a];
    long limb = s[b + 3 - (i >>> 3)];
    set(s, b, (limb >>> (56 - 8 * (i & 7))) & 0xff);
  }

  private static long limb(long v0, long v1, long v2, long v3, int i, long fill) {
    return switch (i) {
      case 0 -> v0;
      case 1 -> v1;
      case 2 -> v2;
      case 3 -> v3;
      default -> fill;
    };
  }

  /** SHL: shift at a (top), value at b. */
  static void shl(long[] s, int a, int b) {
    if ((s[a + 1] | s[a + 2] | s[a + 3]) != 0 || Long.compareUnsigned(s[a], 256) >= 0) {
      setZero(s, b);
      return;
    }
    int sh = (int) s[a];
    int limbs = sh >>> 6;
    int bits = sh & 63;
    long v0 = s[b], v1 = s[b + 1], v2 = s[b + 2], v3 = s[b + 3];
    for (int i = 3; i >= 0; i--) {
      long hi = limb(v0, v1, v2, v3, i - limbs, 0);
      long lo = limb(v0, v1, v2, v3, i - limbs - 1, 0);
      s[b + i] = bits == 0 ? hi : (hi << bits) | (lo >>> (64 - bits));
    }
  }

  /** SHR (logical) or SAR (arithmetic): shift at a (top), value at b. */
  static void shr(long[] s, int a, int b, boolean arithmetic) {
    long fill = arithmetic && s[b + 3] < 0 ? -1L : 0L;
    if ((s[a + 1] | s[a + 2] | s[a + 3]) != 0 || Long.compareUnsigned(s[a], 256) >= 0) {
      s[b] = fill;
      s[b + 1] = fill;
      s[b + 2] = fill;
      s[b + 3] = fill;
      return;
    }
    int sh = (int) s[a];
    int limbs = sh >>> 6;
    int bits = sh & 63;
    long v0 = s[b], v1 = s[b + 1], v2 = s[b + 2], v3 = s[b + 3];
    for (int i = 0; i < 4; i++) {
      long lo = limb(v0, v1, v2, v3, i + limbs, fill);
      long hi = limb(v0, v1, v2, v3, i + limbs + 1, fill);
      s[b + i] = bits == 0 ? lo : (lo >>> bits) | (hi << (64 - bits));
    }
  }
}
