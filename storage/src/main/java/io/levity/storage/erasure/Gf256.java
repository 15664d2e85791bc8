package io.levity.storage.erasure;

/**
 * Arithmetic in GF(2^8) with the reducing polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11d), generator
 * 2. Addition is XOR; multiplication goes through log/exp tables, and {@link #MUL} holds the full
 * 256x256 product table (64 KiB, row {@code a} at offset {@code a << 8}) for the coding kernels.
 */
public final class Gf256 {
  public static final int POLYNOMIAL = 0x11d;
  private static final int[] EXP = new int[512];
  private static final int[] LOG = new int[256];

  /** MUL[(a << 8) | b] = a * b. */
  static final byte[] MUL = new byte[256 * 256];

  static {
    int x = 1;
    for (int i = 0; i < 255; i++) {
      EXP[i] = x;
      LOG[x] = i;
      x <<= 1;
      if ((x & 0x100) != 0) x ^= POLYNOMIAL;
    }
    for (int i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) MUL[(a << 8) | b] = (byte) mulSlow(a, b);
    }
  }

  private Gf256() {}

  private static int mulSlow(int a, int b) {
    return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
  }

  public static int mul(int a, int b) {
    return MUL[((a & 0xff) << 8) | (b & 0xff)] & 0xff;
  }

  public static int inv(int a) {
    if (a == 0) throw new ArithmeticException("0 has no inverse in GF(2^8)");
    return EXP[255 - LOG[a]];
  }

  public static int div(int a, int b) {
    return mul(a, inv(b));
  }

  /** 2^e. */
  public static int exp(int e) {
    return EXP[Math.floorMod(e, 255)];
  }

  /**
   * Carry-less multiply reduced by 0x11d, bit by bit: the reference the tables are tested against.
   */
  static int mulReference(int a, int b) {
    int r = 0;
    while (b != 0) {
      if ((b & 1) != 0) r ^= a;
      a <<= 1;
      if ((a & 0x100) != 0) a ^= POLYNOMIAL;
      b >>>= 1;
    }
    return r;
  }
}
