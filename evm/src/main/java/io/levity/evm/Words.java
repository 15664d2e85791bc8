package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Conversions between stack words (4 limbs, least significant first) and values. */
final class Words {
  private Words() {}

  /** Largest offset or length we treat as a number; anything bigger is certainly out of gas. */
  static final long MAX_INDEX = 0xffff_ffffL;

  /** The word as an unsigned number if it is at most MAX_INDEX, else -1. */
  static long index(long[] s, int o) {
    if ((s[o + 1] | s[o + 2] | s[o + 3]) != 0 || Long.compareUnsigned(s[o], MAX_INDEX) > 0)
      return -1;
    return s[o];
  }

  /**
   * End of the memory range (offset, length) given by the words at {@code off} and {@code len}: 0
   * for an empty range whatever the offset, -1 when the range cannot be paid for.
   */
  static long memoryEnd(long[] s, int off, int len) {
    if (Arith.isZero(s, len)) return 0;
    long l = index(s, len);
    long o = index(s, off);
    if (l < 0 || o < 0) return -1;
    return o + l;
  }

  /** The word saturated to Long.MAX_VALUE (for gas arguments). */
  static long saturated(long[] s, int o) {
    if ((s[o + 1] | s[o + 2] | s[o + 3]) != 0 || s[o] < 0) return Long.MAX_VALUE;
    return s[o];
  }

  static Address toAddress(long[] s, int o) {
    byte[] b = new byte[20];
    int l2 = (int) s[o + 2];
    b[0] = (byte) (l2 >>> 24);
    b[1] = (byte) (l2 >>> 16);
    b[2] = (byte) (l2 >>> 8);
    b[3] = (byte) l2;
    putLong(b, 4, s[o + 1]);
    putLong(b, 12, s[o]);
    return Address.wrapAddress(b);
  }

  static UInt256 toUInt256(long[] s, int o) {
    long u0 = s[o], u1 = s[o + 1], u2 = s[o + 2], u3 = s[o + 3];
    if ((u1 | u2 | u3) == 0) {
      if (u0 == 0) return UInt256.ZERO;
      if (u0 == 1) return UInt256.ONE;
    }
    return new UInt256(u3, u2, u1, u0);
  }

  static Bytes32 toBytes32(long[] s, int o) {
    byte[] b = new byte[32];
    putLong(b, 0, s[o + 3]);
    putLong(b, 8, s[o + 2]);
    putLong(b, 16, s[o + 1]);
    putLong(b, 24, s[o]);
    return Bytes32.wrap32(b);
  }

  static void set(long[] s, int o, UInt256 v) {
    s[o] = v.u0;
    s[o + 1] = v.u1;
    s[o + 2] = v.u2;
    s[o + 3] = v.u3;
  }

  static void set(long[] s, int o, Address a) {
    byte[] b = a.unsafeArray();
    s[o] = getLong(b, 12);
    s[o + 1] = getLong(b, 4);
    s[o + 2] =
        ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    s[o + 3] = 0;
  }

  /** Sets the word from 32 big-endian bytes at {@code off} of {@code b}. */
  static void set(long[] s, int o, byte[] b, int off) {
    s[o + 3] = getLong(b, off);
    s[o + 2] = getLong(b, off + 8);
    s[o + 1] = getLong(b, off + 16);
    s[o] = getLong(b, off + 24);
  }

  /** Writes the word as 32 big-endian bytes at {@code off} of {@code b}. */
  static void write(long[] s, int o, byte[] b, int off) {
    putLong(b, off, s[o + 3]);
    putLong(b, off + 8, s[o + 2]);
    putLong(b, off + 16, s[o + 1]);
    putLong(b, off + 24, s[o]);
  }

  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  static long getLong(byte[] b, int off) {
    return (long) BIG_ENDIAN_LONG.get(b, off);
  }

  static void putLong(byte[] b, int off, long v) {
    BIG_ENDIAN_LONG.set(b, off, v);
  }
}
