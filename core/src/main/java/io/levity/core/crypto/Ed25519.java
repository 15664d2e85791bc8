package io.levity.core.crypto;

import io.levity.core.bytes.Hex;
import java.security.SecureRandom;

/**
 * Ed25519 signatures (RFC 8032) through BouncyCastle's low-level implementation, which is much
 * faster than the JDK's.
 */
public final class Ed25519 {
  public static final int PUBLIC_KEY_SIZE = 32;
  public static final int SECRET_KEY_SIZE = 32;
  public static final int SIGNATURE_SIZE = 64;

  static {
    org.bouncycastle.math.ec.rfc8032.Ed25519.precompute();
  }

  private Ed25519() {}

  /**
   * A 32-byte seed and its public key. A class rather than a record so that the key bytes stay
   * private: the accessors hand out copies.
   */
  public static final class KeyPair {
    private final byte[] secretKey;
    private final byte[] publicKey;

    private KeyPair(byte[] secretKey, byte[] publicKey) {
      this.secretKey = secretKey;
      this.publicKey = publicKey;
    }

    public static KeyPair fromSeed(byte[] seed) {
      if (seed.length != SECRET_KEY_SIZE)
        throw new IllegalArgumentException("Ed25519 seed must be 32 bytes");
      byte[] pub = new byte[PUBLIC_KEY_SIZE];
      org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pub, 0);
      return new KeyPair(seed.clone(), pub);
    }

    public static KeyPair random(SecureRandom rnd) {
      byte[] seed = new byte[SECRET_KEY_SIZE];
      rnd.nextBytes(seed);
      return fromSeed(seed);
    }

    /** The 32-byte seed (a copy). */
    public byte[] secretKey() {
      return secretKey.clone();
    }

    /** The 32-byte public key (a copy). */
    public byte[] publicKey() {
      return publicKey.clone();
    }

    public byte[] sign(byte[] message) {
      return Ed25519.sign(secretKey, publicKey, message);
    }

    /** Names the public key only, so that logs never hold the seed. */
    @Override
    public String toString() {
      return "KeyPair[" + Hex.encode(publicKey) + "]";
    }
  }

  public static byte[] sign(byte[] secretKey, byte[] publicKey, byte[] message) {
    byte[] sig = new byte[SIGNATURE_SIZE];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
        secretKey, 0, publicKey, 0, message, 0, message.length, sig, 0);
    return sig;
  }

  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != PUBLIC_KEY_SIZE || signature.length != SIGNATURE_SIZE) return false;
    return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
        signature, 0, publicKey, 0, message, 0, message.length);
  }
}
