package io.levity.consensus.crypto;

import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Ed25519;

/**
 * Ed25519 (RFC 8032, deterministic) signatures; certificates carry the concatenated 64-byte
 * signatures.
 */
public final class Ed25519Scheme extends ConcatenatedSignatures {
  public static final Ed25519Scheme INSTANCE = new Ed25519Scheme();

  private Ed25519Scheme() {
    super(Ed25519.SIGNATURE_SIZE);
  }

  @Override
  public String name() {
    return "ed25519";
  }

  @Override
  public Signer signer(byte[] seed) {
    Ed25519.KeyPair kp = Ed25519.KeyPair.fromSeed(seed);
    return Signer.of(Bytes.wrap(kp.publicKey()), message -> Bytes.wrap(kp.sign(message)));
  }

  @Override
  public boolean verify(Bytes publicKey, byte[] message, Bytes signature) {
    return Ed25519.verify(publicKey.unsafeArray(), message, signature.unsafeArray());
  }
}
