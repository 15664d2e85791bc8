package io.levity.core.crypto.bn254;

import java.math.BigInteger;

/**
 * An element of the bn254 base field F_p: immutable, held in Montgomery form (a·2^256 mod p) as
 * four 64-bit little-endian limbs. Because p < 2^254 the multiplication never needs a sixth
 * accumulator word.
 */
final class Fp implements Field<Fp> {
  static final BigInteger MODULUS =
      new BigInteger("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47", 16);

  private static final long P0 = 0x3c208c16d87cfd47L;
  private static final long P1 = 0x97816a916871ca8dL;
  private static final long P2 = 0xb85045b68181585dL;
  private static final long P3 = 0x30644e72e131a029L;

  /** -p^-1 mod 2^64, the Montgomery reduction factor. */
  private static final long INV =
      BigInteger.ONE
          .shiftLeft(64)
          .subtract(limbsToBigInteger(P0, 0, 0, 0).modInverse(BigInteger.ONE.shiftLeft(64)))
          .longValue();

  /** 2^512 mod p: Montgomery-multiplying a plain value by it yields the value's Montgomery form. */
  private static final Fp R2 = raw(BigInteger.ONE.shiftLeft(512).mod(MODULUS));

  static final Fp ZERO = new Fp(0, 0, 0, 0);
  static final Fp ONE = of(BigInteger.ONE);

  /** 1/2, used by the Miller-loop doubling formulas. */
  static final Fp HALF = of(MODULUS.add(BigInteger.ONE).shiftRight(1));

  final long l0;
  final long l1;
  final long l2;
  final long l3;

  private Fp(long l0, long l1, long l2, long l3) {
    this.l0 = l0;
    this.l1 = l1;
    this.l2 = l2;
    this.l3 = l3;
  }

  /** The field element congruent to {@code v} (any integer, reduced mod p). */
  static Fp of(BigInteger v) {
    return raw(v.mod(MODULUS)).mul(R2);
  }

  static Fp of(long v) {
    return of(BigInteger.valueOf(v));
  }

  /**
   * Reads a 32-byte big-endian integer; returns null when it is not below p (the precompiles reject
   * such coordinates instead of reducing them).
   */
  static Fp fromBytes(byte[] in, int off) {
    long a3 = readLong(in, off);
    long a2 = readLong(in, off + 8);
    long a1 = readLong(in, off + 16);
    long a0 = readLong(in, off + 24);
    // a - p borrows exactly when a < p
    long d0 = a0 - P0;
    long b = borrow(a0, P0, d0);
    long d1 = a1 - P1 - b;
    b = borrow(a1, P1, d1);
    long d2 = a2 - P2 - b;
    b = borrow(a2, P2, d2);
    long d3 = a3 - P3 - b;
    b = borrow(a3, P3, d3);
    if (b == 0) return null;
    return new Fp(a0, a1, a2, a3).mul(R2);
  }

  /** Writes the canonical value as 32 big-endian bytes. */
  void toBytes(byte[] out, int off) {
    Fp c = fromMontgomery();
    writeLong(out, off, c.l3);
    writeLong(out, off + 8, c.l2);
    writeLong(out, off + 16, c.l1);
    writeLong(out, off + 24, c.l0);
  }

  BigInteger toBigInteger() {
    Fp c = fromMontgomery();
    return limbsToBigInteger(c.l0, c.l1, c.l2, c.l3);
  }

  @Override
  public boolean isZero() {
    return (l0 | l1 | l2 | l3) == 0;
  }

  @Override
  public Fp zero() {
    return ZERO;
  }

  @Override
  public Fp add(Fp b) {
    // a, b < p < 2^254, so the 256-bit sum cannot overflow
    long s0 = l0 + b.l0;
    long c = carry(l0, b.l0, s0);
    long s1 = l1 + b.l1 + c;
    c = carry(l1, b.l1, s1);
    long s2 = l2 + b.l2 + c;
    c = carry(l2, b.l2, s2);
    long s3 = l3 + b.l3 + c;
    return reduceOnce(s0, s1, s2, s3);
  }

  @Override
  public Fp dbl() {
    return add(this);
  }

  @Override
  public Fp sub(Fp b) {
    long d0 = l0 - b.l0;
    long w = borrow(l0, b.l0, d0);
    long d1 = l1 - b.l1 - w;
    w = borrow(l1, b.l1, d1);
    long d2 = l2 - b.l2 - w;
    w = borrow(l2, b.l2, d2);
    long d3 = l3 - b.l3 - w;
    w = borrow(l3, b.l3, d3);
    // on borrow add p back; the mask keeps this branch-free
    long m = -w;
    long r0 = d0 + (P0 & m);
    long c = carry(d0, P0 & m, r0);
    long r1 = d1 + (P1 & m) + c;
    c = carry(d1, P1 & m, r1);
    long r2 = d2 + (P2 & m) + c;
    c = carry(d2, P2 & m, r2);
    long r3 = d3 + (P3 & m) + c;
    return new Fp(r0, r1, r2, r3);
  }

  @Override
  public Fp neg() {
    return isZero() ? this : ZERO.sub(this);
  }

  @Override
  public Fp square() {
    return mul(this);
  }

  /**
   * Montgomery product (CIOS): this·b·2^-256 mod p, which is the Montgomery form of the plain
   * product.
   */
  @Override
  public Fp mul(Fp b) {
    final long a0 = l0;
    final long a1 = l1;
    final long a2 = l2;
    final long a3 = l3;
    long t0 = 0;
    long t1 = 0;
    long t2 = 0;
    long t3 = 0;
    for (int i = 0; i < 4; i++) {
      long bi = i == 0 ? b.l0 : i == 1 ? b.l1 : i == 2 ? b.l2 : b.l3;
      // t += a * bi, five words
      long lo = a0 * bi;
      long hi = Math.unsignedMultiplyHigh(a0, bi);
      t0 += lo;
      hi += ltu(t0, lo);
      long c = hi;

      lo = a1 * bi;
      hi = Math.unsignedMultiplyHigh(a1, bi);
      lo += c;
      hi += ltu(lo, c);
      t1 += lo;
      hi += ltu(t1, lo);
      c = hi;

      lo = a2 * bi;
      hi = Math.unsignedMultiplyHigh(a2, bi);
      lo += c;
      hi += ltu(lo, c);
      t2 += lo;
      hi += ltu(t2, lo);
      c = hi;

      lo = a3 * bi;
      hi = Math.unsignedMultiplyHigh(a3, bi);
      lo += c;
      hi += ltu(lo, c);
      t3 += lo;
      hi += ltu(t3, lo);
      long t4 = hi;

      // t = (t + m*p) / 2^64, with m chosen so the low word vanishes
      long m = t0 * INV;
      lo = m * P0;
      hi = Math.unsignedMultiplyHigh(m, P0);
      lo += t0;
      hi += ltu(lo, t0);
      c = hi;

      lo = m * P1;
      hi = Math.unsignedMultiplyHigh(m, P1);
      lo += c;
      hi += ltu(lo, c);
      t0 = t1 + lo;
      hi += ltu(t0, lo);
      c = hi;

      lo = m * P2;
      hi = Math.unsignedMultiplyHigh(m, P2);
      lo += c;
      hi += ltu(lo, c);
      t1 = t2 + lo;
      hi += ltu(t1, lo);
      c = hi;

      lo = m * P3;
      hi = Math.unsignedMultiplyHigh(m, P3);
      lo += c;
      hi += ltu(lo, c);
      t2 = t3 + lo;
      hi += ltu(t2, lo);
      // the running value stays below 2p < 2^255, so this cannot carry out
      t3 = t4 + hi;
    }
    return reduceOnce(t0, t1, t2, t3);
  }

  @Override
  public Fp one() {
    return ONE;
  }

  /** Multiplicative inverse; the inverse of zero is zero (callers never ask for it). */
  @Override
  public Fp inverse() {
    if (isZero()) return ZERO;
    return of(toBigInteger().modInverse(MODULUS));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fp f && f.l0 == l0 && f.l1 == l1 && f.l2 == l2 && f.l3 == l3;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(l0 ^ l1 ^ l2 ^ l3);
  }

  @Override
  public String toString() {
    return "0x" + toBigInteger().toString(16);
  }

  private Fp fromMontgomery() {
    return mul(new Fp(1, 0, 0, 0));
  }

  /** Subtracts p once when the 256-bit value is at least p (the input is below 2p). */
  private static Fp reduceOnce(long s0, long s1, long s2, long s3) {
    long d0 = s0 - P0;
    long w = borrow(s0, P0, d0);
    long d1 = s1 - P1 - w;
    w = borrow(s1, P1, d1);
    long d2 = s2 - P2 - w;
    w = borrow(s2, P2, d2);
    long d3 = s3 - P3 - w;
    w = borrow(s3, P3, d3);
    long keep = -w; // all ones when s < p: keep s
    return new Fp(
        (s0 & keep) | (d0 & ~keep),
        (s1 & keep) | (d1 & ~keep),
        (s2 & keep) | (d2 & ~keep),
        (s3 & keep) | (d3 & ~keep));
  }

  /**
   * 1 when x < y as unsigned 64-bit values, else 0; branch-free, since carries are data-dependent
   * coin flips.
   */
  private static long ltu(long x, long y) {
    return ((~x & y) | (~(x ^ y) & (x - y))) >>> 63;
  }

  /** Carry out of the top bit of x + y (+ carry in) given the sum s. */
  private static long carry(long x, long y, long s) {
    return ((x & y) | ((x | y) & ~s)) >>> 63;
  }

  /** Borrow out of x - y (- borrow in) given the difference d. */
  private static long borrow(long x, long y, long d) {
    return ((~x & y) | (~(x ^ y) & d)) >>> 63;
  }

  private static Fp raw(BigInteger v) {
    return new Fp(
        v.longValue(),
        v.shiftRight(64).longValue(),
        v.shiftRight(128).longValue(),
        v.shiftRight(192).longValue());
  }

  private static BigInteger limbsToBigInteger(long a0, long a1, long a2, long a3) {
    byte[] b = new byte[32];
    writeLong(b, 0, a3);
    writeLong(b, 8, a2);
    writeLong(b, 16, a1);
    writeLong(b, 24, a0);
    return new BigInteger(1, b);
  }

  private static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (b[off + i] & 0xffL);
    return v;
  }

  private static void writeLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }
}
