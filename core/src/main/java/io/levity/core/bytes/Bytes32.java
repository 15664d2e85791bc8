package io.levity.core.bytes;

import java.math.BigInteger;

/** Exactly 32 bytes: hashes, storage keys and words. */
public final class Bytes32 extends Bytes {
  public static final Bytes32 ZERO = new Bytes32(new byte[32]);

  private Bytes32(byte[] bytes) {
    super(bytes);
  }

  /** Wraps without copying; the array must be 32 bytes and not modified afterwards. */
  public static Bytes32 wrap32(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("expected 32 bytes, got " + bytes.length);
    }
    return new Bytes32(bytes);
  }

  public static Bytes32 of32(byte[] bytes) {
    return wrap32(bytes.clone());
  }

  public static Bytes32 fromHex32(String hex) {
    return wrap32(Hex.decode(hex));
  }

  /** Left-pads shorter input with zeros; rejects input longer than 32 bytes. */
  public static Bytes32 leftPad(Bytes b) {
    if (b instanceof Bytes32 b32) return b32;
    return leftPad(b.unsafeArray());
  }

  public static Bytes32 leftPad(byte[] b) {
    if (b.length > 32) throw new IllegalArgumentException("more than 32 bytes: " + b.length);
    byte[] out = new byte[32];
    System.arraycopy(b, 0, out, 32 - b.length, b.length);
    return new Bytes32(out);
  }

  public static Bytes32 fromBigInteger(BigInteger v) {
    if (v.signum() < 0 || v.bitLength() > 256)
      throw new IllegalArgumentException("not a 256-bit unsigned value");
    byte[] raw = v.toByteArray();
    if (raw.length == 33) raw = java.util.Arrays.copyOfRange(raw, 1, 33);
    return leftPad(raw);
  }

  public BigInteger toBigInteger() {
    return new BigInteger(1, bytes);
  }
}
