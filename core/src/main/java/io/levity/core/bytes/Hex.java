package io.levity.core.bytes;

/** Hexadecimal codec for 0x-prefixed (or bare) strings; strict about characters and odd lengths. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();
  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < 10; i++) VALUES['0' + i] = (byte) i;
    for (int i = 0; i < 6; i++) {
      VALUES['a' + i] = (byte) (10 + i);
      VALUES['A' + i] = (byte) (10 + i);
    }
  }

  private Hex() {}

  /** Encodes as lowercase hex with a 0x prefix. */
  public static String encode(byte[] bytes) {
    return "0x" + encodeBare(bytes, 0, bytes.length);
  }

  /** Encodes a range as lowercase hex without prefix. */
  public static String encodeBare(byte[] bytes, int off, int len) {
    char[] out = new char[len * 2];
    for (int i = 0; i < len; i++) {
      int b = bytes[off + i] & 0xff;
      out[2 * i] = DIGITS[b >>> 4];
      out[2 * i + 1] = DIGITS[b & 0xf];
    }
    return new String(out);
  }

  public static String encodeBare(byte[] bytes) {
    return encodeBare(bytes, 0, bytes.length);
  }

  /** Decodes hex with or without 0x prefix; rejects odd length and non-hex characters. */
  public static byte[] decode(String hex) {
    int start = hasPrefix(hex) ? 2 : 0;
    int len = hex.length() - start;
    if ((len & 1) != 0) {
      throw new IllegalArgumentException("odd number of hex digits in '" + abbreviate(hex) + "'");
    }
    byte[] out = new byte[len / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = digit(hex, start + 2 * i);
      int lo = digit(hex, start + 2 * i + 1);
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  /**
   * Decodes hex allowing an odd number of digits (a leading zero nibble is implied), as in
   * quantities.
   */
  public static byte[] decodeLenient(String hex) {
    int start = hasPrefix(hex) ? 2 : 0;
    if (((hex.length() - start) & 1) != 0) {
      return decode("0" + hex.substring(start));
    }
    return decode(hex);
  }

  public static boolean hasPrefix(String hex) {
    return hex.length() >= 2
        && hex.charAt(0) == '0'
        && (hex.charAt(1) == 'x' || hex.charAt(1) == 'X');
  }

  private static int digit(String s, int i) {
    char c = s.charAt(i);
    int v = c < 128 ? VALUES[c] : -1;
    if (v < 0) {
      throw new IllegalArgumentException(
          "invalid hex character '" + c + "' at " + i + " in '" + abbreviate(s) + "'");
    }
    return v;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
