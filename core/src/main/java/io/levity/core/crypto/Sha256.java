package io.levity.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 through the JDK provider (intrinsified on x86). */
public final class Sha256 {
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 missing from the JDK", e);
            }
          });

  private Sha256() {}

  public static byte[] hash(byte[] in) {
    return hash(in, 0, in.length);
  }

  public static byte[] hash(byte[] in, int off, int len) {
    MessageDigest d = DIGEST.get();
    d.reset();
    d.update(in, off, len);
    return d.digest();
  }
}
