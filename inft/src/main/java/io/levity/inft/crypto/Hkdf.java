package io.levity.inft.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869) on the JDK's HMAC. */
public final class Hkdf {
  private Hkdf() {}

  /** {@code length} bytes (at most 8160) of HKDF-SHA256 output; an empty salt means 32 zeros. */
  public static byte[] sha256(byte[] ikm, byte[] salt, byte[] info, int length) {
    if (length < 0 || length > 255 * 32)
      throw new IllegalArgumentException("HKDF-SHA256 length out of range: " + length);
    byte[] prk = hmac(salt.length == 0 ? new byte[32] : salt, ikm);
    byte[] out = new byte[length];
    byte[] block = new byte[0];
    int done = 0;
    for (int i = 1; done < length; i++) {
      byte[] input = new byte[block.length + info.length + 1];
      System.arraycopy(block, 0, input, 0, block.length);
      System.arraycopy(info, 0, input, block.length, info.length);
      input[input.length - 1] = (byte) i;
      block = hmac(prk, input);
      int n = Math.min(block.length, length - done);
      System.arraycopy(block, 0, out, done, n);
      done += n;
    }
    return out;
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
