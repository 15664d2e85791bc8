package io.levity.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * ECIES over secp256k1, used to seal keys to an account's public key.
 *
 * <p>Format (version 1): {@code ephemeralPub(33, compressed) || nonce(12) || AES-256-GCM(ciphertext
 * || tag)}. The AES key is HKDF-SHA256(ikm = x(ephemeralPriv * recipientPub), salt = ephemeralPub,
 * info = "levity-ecies-v1"). The ephemeral public key is also the GCM associated data, so it cannot
 * be swapped.
 */
public final class Ecies {
  private static final byte[] INFO = "levity-ecies-v1".getBytes(StandardCharsets.US_ASCII);
  public static final int OVERHEAD = 33 + AesGcm.NONCE_SIZE + AesGcm.TAG_SIZE;

  private Ecies() {}

  public static byte[] encrypt(byte[] recipientPub64, byte[] plaintext, SecureRandom rnd) {
    Secp256k1.KeyPair eph = Secp256k1.KeyPair.random(rnd);
    byte[] ephPub = Secp256k1.compress(eph.publicKey());
    byte[] key =
        deriveKey(Secp256k1.sharedSecretX(eph.privateKey().unsafeArray(), recipientPub64), ephPub);
    byte[] sealed = AesGcm.seal(key, plaintext, ephPub, rnd);
    byte[] out = new byte[ephPub.length + sealed.length];
    System.arraycopy(ephPub, 0, out, 0, ephPub.length);
    System.arraycopy(sealed, 0, out, ephPub.length, sealed.length);
    return out;
  }

  public static byte[] decrypt(byte[] recipientPriv, byte[] box)
      throws AesGcm.AuthenticationException {
    if (box.length < OVERHEAD)
      throw new AesGcm.AuthenticationException("ECIES box too short: " + box.length, null);
    byte[] ephPub = Arrays.copyOfRange(box, 0, 33);
    byte[] ephPub64;
    try {
      ephPub64 = Secp256k1.decodePublicKey(ephPub);
    } catch (IllegalArgumentException e) {
      throw new AesGcm.AuthenticationException("ECIES ephemeral key is not a curve point", e);
    }
    byte[] key = deriveKey(Secp256k1.sharedSecretX(recipientPriv, ephPub64), ephPub);
    return AesGcm.open(key, Arrays.copyOfRange(box, 33, box.length), ephPub);
  }

  private static byte[] deriveKey(byte[] sharedX, byte[] salt) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(sharedX, salt, INFO));
    byte[] key = new byte[AesGcm.KEY_SIZE];
    hkdf.generateBytes(key, 0, key.length);
    return key;
  }
}
