package io.levity.inft.crypto;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A secp256k1 key pair for ECIES, kept apart from the account's signing key: derived from the
 * account's private key by HKDF-SHA256 (salt "levity.inft.encryption-key.v1", info = a counter
 * byte, the first output in [1, n-1]), so one {@code --key} gives a user both and a leaked
 * encryption key does not sign transactions.
 */
public final class EncryptionKeyPair {
  static final byte[] SALT = "levity.inft.encryption-key.v1".getBytes(StandardCharsets.US_ASCII);

  private final Secp256k1.KeyPair key;

  private EncryptionKeyPair(Secp256k1.KeyPair key) {
    this.key = key;
  }

  /** The encryption key pair of the account with private key {@code account}. */
  public static EncryptionKeyPair derive(Secp256k1.KeyPair account) {
    byte[] ikm = account.privateKey().toArray();
    for (int counter = 0; ; counter++) {
      byte[] candidate = Hkdf.sha256(ikm, SALT, new byte[] {(byte) counter}, 32);
      BigInteger k = new BigInteger(1, candidate);
      if (k.signum() > 0 && k.compareTo(Secp256k1.N) < 0)
        return new EncryptionKeyPair(Secp256k1.KeyPair.fromPrivate(Bytes32.of32(candidate)));
    }
  }

  /** A pair on a given private key (the oracle's, from its key file). */
  public static EncryptionKeyPair of(Bytes32 privateKey) {
    return new EncryptionKeyPair(Secp256k1.KeyPair.fromPrivate(privateKey));
  }

  /** The 64-byte public key, as published with {@code setEncryptionKey}. */
  public Bytes publicKey() {
    return Bytes.wrap(key.publicKey());
  }

  byte[] sharedSecretX(byte[] peer64) {
    return Secp256k1.sharedSecretX(key.privateKey().toArray(), peer64);
  }

  @Override
  public String toString() {
    return "EncryptionKeyPair(" + publicKey().toHex().substring(0, 18) + "..)";
  }
}
