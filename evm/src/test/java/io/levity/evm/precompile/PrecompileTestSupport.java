package io.levity.evm.precompile;

import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import java.math.BigInteger;

/** Hex and word helpers for the precompile tests. */
final class PrecompileTestSupport {
  private PrecompileTestSupport() {}

  static byte[] hex(String s) {
    return Hex.decode(s.replace(" ", ""));
  }

  static String hex(byte[] b) {
    return Hex.encodeBare(b);
  }

  /** A 32-byte big-endian word. */
  static byte[] word(BigInteger v) {
    return Bytes32.fromBigInteger(v).toArray();
  }

  static byte[] word(long v) {
    return word(BigInteger.valueOf(v));
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] out = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }
}
