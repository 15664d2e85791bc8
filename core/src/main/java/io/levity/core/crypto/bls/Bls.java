package io.levity.core.crypto.bls;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.security.SecureRandom;
import java.util.List;

/**
 * BLS on BN254. A message is a 32-byte digest; {@link #hashToG1} maps it to G1 by try-and-increment
 * (x = digest mod p; while x³ + 3 has no square root, x = x + 1; y = (x³ + 3)^((p + 1) / 4)), the
 * rule the DataAvailability contract runs with the modexp precompile. Signing is {@code sk * H(m)};
 * verifying is {@code e(sig, G2) == e(H(m), pk.g2)}.
 */
@SuppressWarnings("DoNotCallSuggester") // skeleton until the helper lands; remove then
public final class Bls {
  private Bls() {}

  /** A fresh key pair from {@code random}. */
  public static BlsKeyPair generate(SecureRandom random) {
    throw new UnsupportedOperationException("TODO(bls helper)");
  }

  /**
   * The key pair of a 32-byte seed: {@code sk = keccak256("levity-bls-keygen" || seed) mod r} (0
   * maps to 1).
   */
  public static BlsKeyPair fromSeed(Bytes32 seed) {
    throw new UnsupportedOperationException("TODO(bls helper)");
  }

  /** The key pair of a secret scalar. */
  public static BlsKeyPair fromSecret(BlsSecretKey secret) {
    throw new UnsupportedOperationException("TODO(bls helper)");
  }

  /** The G1 point of a message digest, 64-byte EVM encoding (see the class comment). */
  public static Bytes hashToG1(Bytes32 message) {
    throw new UnsupportedOperationException("TODO(bls helper)");
  }

  /** {@code sk * H(message)}. */
  public static BlsSignature sign(BlsSecretKey key, Bytes32 message) {
    throw new UnsupportedOperationException("TODO(bls helper)");
  }

  /**
   * Whether {@code signature} is {@code key}'s signature of {@code message}: checks the G2 half
   * only, so only keys whose halves were tied by {@link #verifyPossession} may be trusted with it.
   * Malformed encodings (not on the curve, coordinates not below p) give false, never an exception.
   */
  public static boolean verify(BlsPublicKey key, Bytes32 message, BlsSignature signature) {
    throw new UnsupportedOperationException("TODO(bls helper)");
  }

  /** The sum of signatures (G1). An empty list is refused. */
  public static BlsSignature aggregateSignatures(List<BlsSignature> signatures) {
    throw new UnsupportedOperationException("TODO(bls helper)");
  }

  /** The sum of public keys, both halves. An empty list is refused. */
  public static BlsPublicKey aggregateKeys(List<BlsPublicKey> keys) {
    throw new UnsupportedOperationException("TODO(bls helper)");
  }

  /**
   * The contract's check of an aggregate: with {@code H = H(message)} and {@code gamma =
   * keccak256(H, apk.g1, apk.g2, sigma) mod r}, {@code e(sigma + gamma * apk.g1, -G2) * e(H + gamma
   * * G1, apk.g2) == 1}. It proves both {@code e(sigma, G2) == e(H, apk.g2)} and that apk's two
   * halves share one secret.
   */
  public static boolean verifyAggregate(BlsPublicKey apk, Bytes32 message, BlsSignature sigma) {
    throw new UnsupportedOperationException("TODO(bls helper)");
  }

  /**
   * A proof of possession: the signature of {@code popMessage} (which the registry derives from the
   * operator's address and key, see the DataAvailability contract). Checked with {@link
   * #verifyPossession}, it stops rogue keys (a key chosen as {@code pk - sum(others)}).
   */
  public static BlsSignature provePossession(BlsKeyPair pair, Bytes32 popMessage) {
    throw new UnsupportedOperationException("TODO(bls helper)");
  }

  /** {@link #verifyAggregate} of one key: the signature is valid and the G1 and G2 halves match. */
  public static boolean verifyPossession(BlsPublicKey key, Bytes32 popMessage, BlsSignature proof) {
    throw new UnsupportedOperationException("TODO(bls helper)");
  }
}
