package io.levity.core.crypto;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;

/**
 * Keccak-256 as Ethereum uses it (original Keccak padding 0x01, not SHA3's 0x06). Allocation-light:
 * one 25-long state per call. {@link Hasher} absorbs incrementally.
 */
public final class Keccak {
  private static final int RATE = 136;
  private static final long[] RC = {
    0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL, 0x8000000080008000L,
    0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
    0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL,
    0x000000008000808bL, 0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L,
    0x8000000000008002L, 0x8000000000000080L, 0x000000000000800aL, 0x800000008000000aL,
    0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L
  };

  private static final ThreadLocal<long[]> STATE = ThreadLocal.withInitial(() -> new long[25]);

  /** Keccak-256 of the empty input. */
  public static final Bytes32 EMPTY_HASH = hash(Bytes.EMPTY);

  private Keccak() {}

  public static byte[] hash256(byte[] in) {
    return hash256(in, 0, in.length);
  }

  public static Bytes32 hash(Bytes in) {
    return Bytes32.wrap32(hash256(in.unsafeArray()));
  }

  public static Bytes32 hash(byte[] in) {
    return Bytes32.wrap32(hash256(in));
  }

  public static byte[] hash256(byte[] in, int off, int len) {
    byte[] out = new byte[32];
    hash256Into(in, off, len, out, 0);
    return out;
  }

  /**
   * Hashes {@code in[off, off+len)} into {@code out[outOff, outOff+32)} without allocating: the
   * sponge state is per thread and input blocks are absorbed in place.
   */
  public static void hash256Into(byte[] in, int off, int len, byte[] out, int outOff) {
    long[] s = STATE.get();
    java.util.Arrays.fill(s, 0L);
    while (len >= RATE) {
      absorb(s, in, off);
      off += RATE;
      len -= RATE;
    }
    int lanes = len >>> 3;
    for (int i = 0; i < lanes; i++) s[i] ^= le64(in, off + 8 * i);
    for (int i = lanes * 8; i < len; i++) s[i >>> 3] ^= (in[off + i] & 0xffL) << (8 * (i & 7));
    s[len >>> 3] ^= 0x01L << (8 * (len & 7));
    s[(RATE - 1) >>> 3] ^= 0x80L << 56;
    permute(s);
    for (int i = 0; i < 4; i++) {
      long v = s[i];
      for (int j = 0; j < 8; j++) out[outOff + i * 8 + j] = (byte) (v >>> (8 * j));
    }
  }

  /** Incremental Keccak-256. Not thread-safe; single use. */
  public static final class Hasher {
    private final long[] s = new long[25];
    private final byte[] buf = new byte[RATE];
    private int bufLen;

    public Hasher update(byte[] in) {
      return update(in, 0, in.length);
    }

    public Hasher update(byte[] in, int off, int len) {
      if (bufLen > 0) {
        int take = Math.min(len, RATE - bufLen);
        System.arraycopy(in, off, buf, bufLen, take);
        bufLen += take;
        off += take;
        len -= take;
        if (bufLen == RATE) {
          absorb(s, buf, 0);
          bufLen = 0;
        }
      }
      while (len >= RATE) {
        absorb(s, in, off);
        off += RATE;
        len -= RATE;
      }
      if (len > 0) {
        System.arraycopy(in, off, buf, 0, len);
        bufLen = len;
      }
      return this;
    }

    public byte[] digest() {
      java.util.Arrays.fill(buf, bufLen, RATE, (byte) 0);
      buf[bufLen] ^= 0x01;
      buf[RATE - 1] ^= (byte) 0x80;
      absorb(s, buf, 0);
      byte[] out = new byte[32];
      for (int i = 0; i < 4; i++) {
        long v = s[i];
        for (int j = 0; j < 8; j++) out[i * 8 + j] = (byte) (v >>> (8 * j));
      }
      return out;
    }
  }

  private static long le64(byte[] b, int o) {
    return (b[o] & 0xffL)
        | (b[o + 1] & 0xffL) << 8
        | (b[o + 2] & 0xffL) << 16
        | (b[o + 3] & 0xffL) << 24
        | (b[o + 4] & 0xffL) << 32
        | (b[o + 5] & 0xffL) << 40
        | (b[o + 6] & 0xffL) << 48
        | (b[o + 7] & 0xffL) << 56;
  }

  private static void absorb(long[] s, byte[] b, int off) {
    for (int i = 0; i < RATE / 8; i++) s[i] ^= le64(b, off + 8 * i);
    permute(s);
  }

  /** Keccak-f[1600], fully unrolled over the 5x5 lanes. */
  static void permute(long[] st) {
    long a00 = st[0], a01 = st[1], a02 = st[2], a03 = st[3], a04 = st[4];
    long a05 = st[5], a06 = st[6], a07 = st[7], a08 = st[8], a09 = st[9];
    long a10 = st[10], a11 = st[11], a12 = st[12], a13 = st[13], a14 = st[14];
    long a15 = st[15], a16 = st[16], a17 = st[17], a18 = st[18], a19 = st[19];
    long a20 = st[20], a21 = st[21], a22 = st[22], a23 = st[23], a24 = st[24];
    for (int r = 0; r < 24; r++) {
      long c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
      long c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
      long c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
      long c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
      long c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
      long d0 = c4 ^ Long.rotateLeft(c1, 1);
      long d1 = c0 ^ Long.rotateLeft(c2, 1);
      long d2 = c1 ^ Long.rotateLeft(c3, 1);
      long d3 = c2 ^ Long.rotateLeft(c4, 1);
      long d4 = c3 ^ Long.rotateLeft(c0, 1);
      // theta + rho + pi: b[y][2x+3y] = rot(a[x][y] ^ d[x], r[x][y])
      long b00 = a00 ^ d0;
      long b10 = Long.rotateLeft(a01 ^ d1, 1);
      long b20 = Long.rotateLeft(a02 ^ d2, 62);
      long b05 = Long.rotateLeft(a03 ^ d3, 28);
      long b15 = Long.rotateLeft(a04 ^ d4, 27);
      long b16 = Long.rotateLeft(a05 ^ d0, 36);
      long b01 = Long.rotateLeft(a06 ^ d1, 44);
      long b11 = Long.rotateLeft(a07 ^ d2, 6);
      long b21 = Long.rotateLeft(a08 ^ d3, 55);
      long b06 = Long.rotateLeft(a09 ^ d4, 20);
      long b07 = Long.rotateLeft(a10 ^ d0, 3);
      long b17 = Long.rotateLeft(a11 ^ d1, 10);
      long b02 = Long.rotateLeft(a12 ^ d2, 43);
      long b12 = Long.rotateLeft(a13 ^ d3, 25);
      long b22 = Long.rotateLeft(a14 ^ d4, 39);
      long b23 = Long.rotateLeft(a15 ^ d0, 41);
      long b08 = Long.rotateLeft(a16 ^ d1, 45);
      long b18 = Long.rotateLeft(a17 ^ d2, 15);
      long b03 = Long.rotateLeft(a18 ^ d3, 21);
      long b13 = Long.rotateLeft(a19 ^ d4, 8);
      long b14 = Long.rotateLeft(a20 ^ d0, 18);
      long b24 = Long.rotateLeft(a21 ^ d1, 2);
      long b09 = Long.rotateLeft(a22 ^ d2, 61);
      long b19 = Long.rotateLeft(a23 ^ d3, 56);
      long b04 = Long.rotateLeft(a24 ^ d4, 14);
      // chi
      a00 = b00 ^ (~b01 & b02);
      a01 = b01 ^ (~b02 & b03);
      a02 = b02 ^ (~b03 & b04);
      a03 = b03 ^ (~b04 & b00);
      a04 = b04 ^ (~b00 & b01);
      a05 = b05 ^ (~b06 & b07);
      a06 = b06 ^ (~b07 & b08);
      a07 = b07 ^ (~b08 & b09);
      a08 = b08 ^ (~b09 & b05);
      a09 = b09 ^ (~b05 & b06);
      a10 = b10 ^ (~b11 & b12);
      a11 = b11 ^ (~b12 & b13);
      a12 = b12 ^ (~b13 & b14);
      a13 = b13 ^ (~b14 & b10);
      a14 = b14 ^ (~b10 & b11);
      a15 = b15 ^ (~b16 & b17);
      a16 = b16 ^ (~b17 & b18);
      a17 = b17 ^ (~b18 & b19);
      a18 = b18 ^ (~b19 & b15);
      a19 = b19 ^ (~b15 & b16);
      a20 = b20 ^ (~b21 & b22);
      a21 = b21 ^ (~b22 & b23);
      a22 = b22 ^ (~b23 & b24);
      a23 = b23 ^ (~b24 & b20);
      a24 = b24 ^ (~b20 & b21);
      // iota
      a00 ^= RC[r];
    }
    st[0] = a00;
    st[1] = a01;
    st[2] = a02;
    st[3] = a03;
    st[4] = a04;
    st[5] = a05;
    st[6] = a06;
    st[7] = a07;
    st[8] = a08;
    st[9] = a09;
    st[10] = a10;
    st[11] = a11;
    st[12] = a12;
    st[13] = a13;
    st[14] = a14;
    st[15] = a15;
    st[16] = a16;
    st[17] = a17;
    st[18] = a18;
    st[19] = a19;
    st[20] = a20;
    st[21] = a21;
    st[22] = a22;
    st[23] = a23;
    st[24] = a24;
  }
}
