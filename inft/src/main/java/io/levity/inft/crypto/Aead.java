package io.levity.inft.crypto;

import io.levity.core.crypto.AesGcm;
import java.security.SecureRandom;

/**
 * AES-256-GCM for an agent's data and for sealed keys, from the JDK: {@code nonce(12) || ciphertext
 * || tag(16)}, a fresh random nonce per message from the injected source. A key is used for one
 * ciphertext only (the oracle re-keys on every transfer), so random nonces never repeat under a key
 * in practice.
 */
public final class Aead {
  public static final int KEY_SIZE = AesGcm.KEY_SIZE;
  public static final int NONCE_SIZE = AesGcm.NONCE_SIZE;
  public static final int TAG_SIZE = AesGcm.TAG_SIZE;
  public static final int OVERHEAD = NONCE_SIZE + TAG_SIZE;

  private final SecureRandom random;

  public Aead(SecureRandom random) {
    this.random = random;
  }

  /** A fresh 32-byte data key. */
  public byte[] newKey() {
    byte[] key = new byte[KEY_SIZE];
    random.nextBytes(key);
    return key;
  }

  /** {@code nonce || ciphertext || tag} of {@code plaintext} under {@code key}. */
  public byte[] seal(byte[] key, byte[] plaintext, byte[] associatedData) {
    return AesGcm.seal(key, plaintext, associatedData, random);
  }

  /** The plaintext of a {@link #seal} output; a wrong key, tampering or wrong data fail. */
  public static byte[] open(byte[] key, byte[] sealed, byte[] associatedData)
      throws DecryptionException {
    if (key.length != KEY_SIZE)
      throw new DecryptionException("a data key is 32 bytes, got " + key.length);
    try {
      return AesGcm.open(key, sealed, associatedData);
    } catch (AesGcm.AuthenticationException e) {
      throw new DecryptionException(
          "AES-GCM: " + e.getMessage() + " (wrong key or tampered ciphertext)");
    }
  }
}
