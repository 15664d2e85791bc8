package io.levity.core.num;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.math.BigInteger;

/**
 * An immutable unsigned 256-bit integer with wrapping (mod 2^256) arithmetic, as the EVM defines
 * it. Four 64-bit limbs, most significant first. Used for balances, values and fees; the
 * interpreter keeps its stack in flat long arrays instead.
 */
public final class UInt256 implements Comparable<UInt256> {
  public static final UInt256 ZERO = new UInt256(0, 0, 0, 0);
  public static final UInt256 ONE = new UInt256(0, 0, 0, 1);
  public static final UInt256 MAX = new UInt256(-1L, -1L, -1L, -1L);

  /** Limbs: u3 is the most significant. */
  public final long u3, u2, u1, u0;

  public UInt256(long u3, long u2, long u1, long u0) {
    this.u3 = u3;
    this.u2 = u2;
    this.u1 = u1;
    this.u0 = u0;
  }

  public static UInt256 valueOf(long v) {
    if (v < 0) throw new IllegalArgumentException("negative: " + v);
    return v == 0 ? ZERO : new UInt256(0, 0, 0, v);
  }

  public static UInt256 valueOf(BigInteger v) {
    if (v.signum() < 0 || v.bitLength() > 256)
      throw new IllegalArgumentException("out of 256-bit range: " + v);
    return fromBytes(Bytes32.fromBigInteger(v).unsafeArray());
  }

  /** Big-endian bytes of any length up to 32. */
  public static UInt256 fromBytes(byte[] b) {
    return fromBytes(b, 0, b.length);
  }

  public static UInt256 fromBytes(byte[] b, int off, int len) {
    if (len > 32) throw new IllegalArgumentException("more than 32 bytes: " + len);
    long[] l = new long[4];
    for (int i = 0; i < len; i++) {
      int bit = (len - 1 - i) * 8;
      l[bit >>> 6] |= (b[off + i] & 0xffL) << (bit & 63);
    }
    return new UInt256(l[3], l[2], l[1], l[0]);
  }

  public static UInt256 fromBytes(Bytes b) {
    return fromBytes(b.unsafeArray());
  }

  /** Parses 0x-hex or decimal. */
  public static UInt256 parse(String s) {
    if (s.startsWith("0x") || s.startsWith("0X")) {
      String d = s.substring(2);
      return d.isEmpty() ? ZERO : valueOf(new BigInteger(d, 16));
    }
    return valueOf(new BigInteger(s));
  }

  public boolean isZero() {
    return (u0 | u1 | u2 | u3) == 0;
  }

  /** True when the value fits in a non-negative long. */
  public boolean fitsLong() {
    return (u3 | u2 | u1) == 0 && u0 >= 0;
  }

  public long toLong() {
    if (!fitsLong()) throw new ArithmeticException("value does not fit in a long: " + this);
    return u0;
  }

  /** The value clamped to Long.MAX_VALUE. */
  public long clampToLong() {
    return fitsLong() ? u0 : Long.MAX_VALUE;
  }

  public int bitLength() {
    if (u3 != 0) return 256 - Long.numberOfLeadingZeros(u3);
    if (u2 != 0) return 192 - Long.numberOfLeadingZeros(u2);
    if (u1 != 0) return 128 - Long.numberOfLeadingZeros(u1);
    return 64 - Long.numberOfLeadingZeros(u0);
  }

  public UInt256 add(UInt256 o) {
    long r0 = u0 + o.u0;
    long c = Long.compareUnsigned(r0, u0) < 0 ? 1 : 0;
    long t1 = u1 + o.u1;
    long c1 = Long.compareUnsigned(t1, u1) < 0 ? 1 : 0;
    long r1 = t1 + c;
    c1 |= Long.compareUnsigned(r1, t1) < 0 ? 1 : 0;
    long t2 = u2 + o.u2;
    long c2 = Long.compareUnsigned(t2, u2) < 0 ? 1 : 0;
    long r2 = t2 + c1;
    c2 |= Long.compareUnsigned(r2, t2) < 0 ? 1 : 0;
    long r3 = u3 + o.u3 + c2;
    return new UInt256(r3, r2, r1, r0);
  }

  /** Adds, or returns null on overflow past 2^256. */
  public UInt256 addExact(UInt256 o) {
    UInt256 r = add(o);
    return r.compareTo(this) < 0 ? null : r;
  }

  public UInt256 subtract(UInt256 o) {
    long r0 = u0 - o.u0;
    long b = Long.compareUnsigned(u0, o.u0) < 0 ? 1 : 0;
    long t1 = u1 - o.u1;
    long b1 = Long.compareUnsigned(u1, o.u1) < 0 ? 1 : 0;
    long r1 = t1 - b;
    b1 |= Long.compareUnsigned(t1, b) < 0 ? 1 : 0;
    long t2 = u2 - o.u2;
    long b2 = Long.compareUnsigned(u2, o.u2) < 0 ? 1 : 0;
    long r2 = t2 - b1;
    b2 |= Long.compareUnsigned(t2, b1) < 0 ? 1 : 0;
    long r3 = u3 - o.u3 - b2;
    return new UInt256(r3, r2, r1, r0);
  }

  public UInt256 multiply(UInt256 o) {
    long[] r = multiplyFull(this, o);
    return new UInt256(r[3], r[2], r[1], r[0]);
  }

  /** Multiplies, or returns null on overflow past 2^256. */
  public UInt256 multiplyExact(UInt256 o) {
    long[] r = multiplyFull(this, o);
    if ((r[4] | r[5] | r[6] | r[7]) != 0) return null;
    return new UInt256(r[3], r[2], r[1], r[0]);
  }

  /**
   * The 512-bit product, least significant limb first: schoolbook on 64-bit limbs (fee arithmetic
   * multiplies on every transaction; going through BigInteger allocated and copied each time).
   */
  private static long[] multiplyFull(UInt256 a, UInt256 b) {
    long[] x = {a.u0, a.u1, a.u2, a.u3};
    long[] y = {b.u0, b.u1, b.u2, b.u3};
    long[] r = new long[8];
    for (int i = 0; i < 4; i++) {
      if (x[i] == 0) continue;
      long carry = 0;
      for (int j = 0; j < 4; j++) {
        long lo = x[i] * y[j];
        long hi = Math.unsignedMultiplyHigh(x[i], y[j]);
        long s = r[i + j] + lo;
        long c1 = Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
        long s2 = s + carry;
        long c2 = Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
        r[i + j] = s2;
        carry = hi + c1 + c2; // hi is at most 2^64 - 2, so this cannot wrap
      }
      r[i + 4] = carry;
    }
    return r;
  }

  public UInt256 multiply(long o) {
    return multiply(valueOf(o));
  }

  /** Integer division; division by zero yields zero, as in the EVM. */
  public UInt256 divide(UInt256 o) {
    if (o.isZero()) return ZERO;
    if (fitsLong() && o.fitsLong()) return valueOf(u0 / o.u0);
    return valueOf(toBigInteger().divide(o.toBigInteger()));
  }

  public UInt256 mod(UInt256 o) {
    if (o.isZero()) return ZERO;
    return valueOf(toBigInteger().mod(o.toBigInteger()));
  }

  public UInt256 min(UInt256 o) {
    return compareTo(o) <= 0 ? this : o;
  }

  public UInt256 max(UInt256 o) {
    return compareTo(o) >= 0 ? this : o;
  }

  public BigInteger toBigInteger() {
    return new BigInteger(1, toBytes32().unsafeArray());
  }

  public Bytes32 toBytes32() {
    byte[] out = new byte[32];
    putLong(out, 0, u3);
    putLong(out, 8, u2);
    putLong(out, 16, u1);
    putLong(out, 24, u0);
    return Bytes32.wrap32(out);
  }

  /** Big-endian bytes without leading zeros (empty for zero), as RLP wants. */
  public byte[] toMinimalBytes() {
    byte[] full = toBytes32().unsafeArray();
    int z = 0;
    while (z < 32 && full[z] == 0) z++;
    return java.util.Arrays.copyOfRange(full, z, 32);
  }

  private static void putLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  @Override
  public int compareTo(UInt256 o) {
    int c = Long.compareUnsigned(u3, o.u3);
    if (c != 0) return c;
    c = Long.compareUnsigned(u2, o.u2);
    if (c != 0) return c;
    c = Long.compareUnsigned(u1, o.u1);
    if (c != 0) return c;
    return Long.compareUnsigned(u0, o.u0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UInt256 x && x.u0 == u0 && x.u1 == u1 && x.u2 == u2 && x.u3 == u3;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(u0) * 31 + Long.hashCode(u1 ^ u2 ^ u3);
  }

  /** 0x-prefixed hex without leading zeros (0x0 for zero), as JSON-RPC quantities. */
  public String toHexQuantity() {
    return "0x" + toBigInteger().toString(16);
  }

  @Override
  public String toString() {
    return toBigInteger().toString();
  }
}
