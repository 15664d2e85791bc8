package io.levity.core.crypto;

import io.levity.core.bytes.Bytes32;
import java.math.BigInteger;

/**
 * A secp256k1 ECDSA signature with its recovery id (0 or 1; 2 and 3 are possible in theory when r
 * overflows the group order, and are accepted by recovery).
 */
public record Signature(BigInteger r, BigInteger s, int recId) {
  public Signature {
    if (r.signum() < 0 || r.bitLength() > 256 || s.signum() < 0 || s.bitLength() > 256) {
      throw new IllegalArgumentException("signature component out of 256-bit range");
    }
    if (recId < 0 || recId > 3)
      throw new IllegalArgumentException("recovery id must be 0..3, got " + recId);
  }

  /** True when 0 < r < n and 0 < s < n. */
  public boolean inRange() {
    return r.signum() > 0
        && s.signum() > 0
        && r.compareTo(Secp256k1.N) < 0
        && s.compareTo(Secp256k1.N) < 0;
  }

  /** True when s <= n/2 (EIP-2). */
  public boolean isLowS() {
    return s.compareTo(Secp256k1.HALF_N) <= 0;
  }

  /** 64 bytes r || s. */
  public byte[] compact() {
    byte[] out = new byte[64];
    System.arraycopy(Bytes32.fromBigInteger(r).unsafeArray(), 0, out, 0, 32);
    System.arraycopy(Bytes32.fromBigInteger(s).unsafeArray(), 0, out, 32, 32);
    return out;
  }

  /**
   * 65 bytes r || s || v where v = recId (as used by many signing APIs add 27 yourself if needed).
   */
  public byte[] toBytes65() {
    byte[] out = new byte[65];
    System.arraycopy(compact(), 0, out, 0, 64);
    out[64] = (byte) recId;
    return out;
  }

  public static Signature fromBytes65(byte[] b) {
    if (b.length != 65)
      throw new IllegalArgumentException("expected 65 signature bytes, got " + b.length);
    int v = b[64] & 0xff;
    if (v >= 27) v -= 27;
    return new Signature(
        new BigInteger(1, java.util.Arrays.copyOfRange(b, 0, 32)),
        new BigInteger(1, java.util.Arrays.copyOfRange(b, 32, 64)),
        v);
  }
}
