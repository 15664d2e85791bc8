package io.levity.core.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 12-byte nonce and a 16-byte tag. {@link #seal} output is nonce || ciphertext
 * || tag.
 */
public final class AesGcm {
  public static final int KEY_SIZE = 32;
  public static final int NONCE_SIZE = 12;
  public static final int TAG_SIZE = 16;

  private AesGcm() {}

  /**
   * Thrown when a ciphertext fails authentication (wrong key, tampered data or wrong associated
   * data).
   */
  public static final class AuthenticationException extends Exception {
    public AuthenticationException(String msg, Throwable cause) {
      super(msg, cause);
    }
  }

  public static byte[] encrypt(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
    check(key, nonce);
    try {
      return cipher(Cipher.ENCRYPT_MODE, key, nonce, aad).doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  public static byte[] decrypt(byte[] key, byte[] nonce, byte[] ciphertext, byte[] aad)
      throws AuthenticationException {
    check(key, nonce);
    if (ciphertext.length < TAG_SIZE)
      throw new AuthenticationException("ciphertext shorter than the tag", null);
    try {
      return cipher(Cipher.DECRYPT_MODE, key, nonce, aad).doFinal(ciphertext);
    } catch (AEADBadTagException e) {
      throw new AuthenticationException("AES-GCM authentication failed", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** Encrypts under a fresh random nonce; returns nonce || ciphertext || tag. */
  public static byte[] seal(byte[] key, byte[] plaintext, byte[] aad, SecureRandom rnd) {
    byte[] nonce = new byte[NONCE_SIZE];
    rnd.nextBytes(nonce);
    byte[] ct = encrypt(key, nonce, plaintext, aad);
    byte[] out = new byte[NONCE_SIZE + ct.length];
    System.arraycopy(nonce, 0, out, 0, NONCE_SIZE);
    System.arraycopy(ct, 0, out, NONCE_SIZE, ct.length);
    return out;
  }

  public static byte[] open(byte[] key, byte[] sealed, byte[] aad) throws AuthenticationException {
    if (sealed.length < NONCE_SIZE + TAG_SIZE)
      throw new AuthenticationException("sealed box too short", null);
    byte[] nonce = Arrays.copyOfRange(sealed, 0, NONCE_SIZE);
    byte[] ct = Arrays.copyOfRange(sealed, NONCE_SIZE, sealed.length);
    return decrypt(key, nonce, ct, aad);
  }

  /** A cipher set up for one message under a checked key and nonce, associated data given. */
  private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] aad)
      throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_SIZE * 8, nonce));
    if (aad != null) c.updateAAD(aad);
    return c;
  }

  private static void check(byte[] key, byte[] nonce) {
    if (key.length != KEY_SIZE)
      throw new IllegalArgumentException("AES-256 key must be 32 bytes, got " + key.length);
    if (nonce.length != NONCE_SIZE)
      throw new IllegalArgumentException("GCM nonce must be 12 bytes, got " + nonce.length);
  }
}
