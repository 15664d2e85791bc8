package io.levity.inft.crypto;

import io.levity.core.crypto.Secp256k1;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * ECIES on secp256k1 for sealing a data key to a 64-byte public key (as AgentNFT stores them in
 * {@code setEncryptionKey}). Format: {@code ephemeralPublicKey(65, 0x04 || x || y) || nonce(12) ||
 * ciphertext || tag(16)}. The AES-256-GCM key is HKDF-SHA256(ikm = x(ephemeral * recipient), salt =
 * the 65-byte ephemeral key, info = "levity.inft.ecies.v1"); the ephemeral key is also the GCM
 * associated data, so it cannot be swapped.
 */
public final class EciesBox {
  public static final int EPHEMERAL_SIZE = 65;
  public static final int OVERHEAD = EPHEMERAL_SIZE + Aead.OVERHEAD;
  static final byte[] INFO = "levity.inft.ecies.v1".getBytes(StandardCharsets.US_ASCII);

  private final SecureRandom random;
  private final Aead aead;

  public EciesBox(SecureRandom random) {
    this.random = random;
    this.aead = new Aead(random);
  }

  /** {@code message} sealed to {@code recipient64}; throws if that is not a curve point. */
  public byte[] seal(byte[] recipient64, byte[] message) {
    requirePoint(recipient64);
    Secp256k1.KeyPair ephemeral = Secp256k1.KeyPair.random(random);
    byte[] ephemeralPub = uncompressed(ephemeral.publicKey());
    byte[] key =
        key(Secp256k1.sharedSecretX(ephemeral.privateKey().toArray(), recipient64), ephemeralPub);
    byte[] box = aead.seal(key, message, ephemeralPub);
    byte[] out = Arrays.copyOf(ephemeralPub, EPHEMERAL_SIZE + box.length);
    System.arraycopy(box, 0, out, EPHEMERAL_SIZE, box.length);
    return out;
  }

  /** Opens a {@link #seal} output with the recipient's private key. */
  public static byte[] open(EncryptionKeyPair recipient, byte[] sealed) throws DecryptionException {
    if (sealed.length < OVERHEAD)
      throw new DecryptionException(
          "a sealed key is at least " + OVERHEAD + " bytes, got " + sealed.length);
    byte[] ephemeralPub = Arrays.copyOfRange(sealed, 0, EPHEMERAL_SIZE);
    byte[] ephemeral64;
    try {
      if (ephemeralPub[0] != 4) throw new IllegalArgumentException("not uncompressed");
      ephemeral64 = Secp256k1.decodePublicKey(ephemeralPub);
    } catch (IllegalArgumentException e) {
      throw new DecryptionException("the sealed key's ephemeral key is not a curve point");
    }
    byte[] key = key(recipient.sharedSecretX(ephemeral64), ephemeralPub);
    return Aead.open(key, Arrays.copyOfRange(sealed, EPHEMERAL_SIZE, sealed.length), ephemeralPub);
  }

  static byte[] key(byte[] sharedX, byte[] ephemeralPub) {
    return Hkdf.sha256(sharedX, ephemeralPub, INFO, Aead.KEY_SIZE);
  }

  static void requirePoint(byte[] pub64) {
    if (pub64.length != 64)
      throw new IllegalArgumentException("an encryption key is 64 bytes, got " + pub64.length);
    Secp256k1.decodePublicKey(uncompressed(pub64));
  }

  static byte[] uncompressed(byte[] pub64) {
    byte[] u = new byte[EPHEMERAL_SIZE];
    u[0] = 4;
    System.arraycopy(pub64, 0, u, 1, 64);
    return u;
  }
}
