package io.levity.core.crypto.bls;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.bn254.G1Point;
import io.levity.core.crypto.bn254.G2Point;
import io.levity.core.crypto.bn254.Pairing;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * BLS on BN254. A message is a 32-byte digest; {@link #hashToG1} maps it to G1 by try-and-increment
 * (x = digest mod p; while x³ + 3 has no square root, x = x + 1; y = (x³ + 3)^((p + 1) / 4)), the
 * rule the DataAvailability contract runs with the modexp precompile. Signing is {@code sk * H(m)};
 * verifying is {@code e(sig, G2) == e(H(m), pk.g2)}.
 */
public final class Bls {
  private static final BigInteger P = G1Point.FIELD_MODULUS;
  private static final BigInteger R = G1Point.ORDER;
  private static final BigInteger SQRT_EXPONENT = P.add(BigInteger.ONE).shiftRight(2);
  private static final BigInteger B = BigInteger.valueOf(3);
  private static final byte[] KEYGEN_DOMAIN = "levity-bls-keygen".getBytes(StandardCharsets.UTF_8);
  private static final G2Point MINUS_G2 = G2Point.GENERATOR.negate();

  private Bls() {}

  /** A fresh key pair from {@code random}: a scalar uniform in [1, r). */
  public static BlsKeyPair generate(SecureRandom random) {
    BigInteger k;
    do {
      k = new BigInteger(R.bitLength(), random);
    } while (k.signum() == 0 || k.compareTo(R) >= 0);
    return fromSecret(new BlsSecretKey(k));
  }

  /**
   * The key pair of a 32-byte seed: {@code sk = keccak256("levity-bls-keygen" || seed) mod r} (0
   * maps to 1). The domain string is UTF-8, the digest read as a big-endian unsigned integer.
   */
  public static BlsKeyPair fromSeed(Bytes32 seed) {
    Bytes32 digest = Keccak.hash(Bytes.concat(Bytes.wrap(KEYGEN_DOMAIN.clone()), seed));
    BigInteger k = digest.toBigInteger().mod(R);
    return fromSecret(new BlsSecretKey(k.signum() == 0 ? BigInteger.ONE : k));
  }

  /** The key pair of a secret scalar. */
  public static BlsKeyPair fromSecret(BlsSecretKey secret) {
    BigInteger k = secret.scalar();
    Bytes g1 = Bytes.wrap(G1Point.GENERATOR.mul(k).encode());
    Bytes g2 = Bytes.wrap(G2Point.GENERATOR.mul(k).encode());
    return new BlsKeyPair(secret, new BlsPublicKey(g1, g2));
  }

  /** The G1 point of a message digest, 64-byte EVM encoding (see the class comment). */
  public static Bytes hashToG1(Bytes32 message) {
    BigInteger x = message.toBigInteger().mod(P);
    while (true) {
      BigInteger rhs = x.multiply(x).multiply(x).add(B).mod(P);
      BigInteger y = rhs.modPow(SQRT_EXPONENT, P);
      if (y.multiply(y).mod(P).equals(rhs)) {
        return Bytes.concat(Bytes32.fromBigInteger(x), Bytes32.fromBigInteger(y));
      }
      x = x.add(BigInteger.ONE).mod(P);
    }
  }

  /** {@code sk * H(message)}. */
  public static BlsSignature sign(BlsSecretKey key, Bytes32 message) {
    return new BlsSignature(Bytes.wrap(hashPoint(message).mul(key.scalar()).encode()));
  }

  /**
   * Whether {@code signature} is {@code key}'s signature of {@code message}: checks the G2 half
   * only, so only keys whose halves were tied by {@link #verifyPossession} may be trusted with it.
   * Malformed encodings (not on the curve, coordinates not below p) give false, never an exception.
   * So do the point at infinity as a signature or as the key's G2 half.
   */
  public static boolean verify(BlsPublicKey key, Bytes32 message, BlsSignature signature) {
    if (key == null || message == null || signature == null) return false;
    G1Point sig = decodeG1(signature.g1());
    G2Point pk = decodeG2(key.g2());
    if (sig == null || pk == null) return false;
    // e(sig, -G2) * e(H(m), pk) == 1, i.e. e(sig, G2) == e(H(m), pk)
    return Pairing.check(List.of(sig, hashPoint(message)), List.of(MINUS_G2, pk));
  }

  /**
   * The sum of signatures (G1). An empty list is refused, and so is a malformed signature
   * (IllegalArgumentException).
   */
  public static BlsSignature aggregateSignatures(List<BlsSignature> signatures) {
    if (signatures.isEmpty()) throw new IllegalArgumentException("no signatures to aggregate");
    G1Point sum = G1Point.INFINITY;
    for (BlsSignature s : signatures) sum = sum.add(requireG1(s.g1(), "signature"));
    return new BlsSignature(Bytes.wrap(sum.encode()));
  }

  /**
   * The sum of public keys, both halves. An empty list is refused, and so is a malformed key
   * (IllegalArgumentException).
   */
  public static BlsPublicKey aggregateKeys(List<BlsPublicKey> keys) {
    if (keys.isEmpty()) throw new IllegalArgumentException("no public keys to aggregate");
    G1Point g1 = G1Point.INFINITY;
    G2Point g2 = G2Point.INFINITY;
    for (BlsPublicKey k : keys) {
      g1 = g1.add(requireG1(k.g1(), "public key G1 half"));
      G2Point q = decodeG2Allowing(k.g2());
      if (q == null) throw new IllegalArgumentException("malformed public key G2 half: " + k.g2());
      g2 = g2.add(q);
    }
    return new BlsPublicKey(Bytes.wrap(g1.encode()), Bytes.wrap(g2.encode()));
  }

  /**
   * The contract's check of an aggregate: with {@code H = H(message)} and {@code gamma =
   * keccak256(H, apk.g1, apk.g2, sigma) mod r}, {@code e(sigma + gamma * apk.g1, -G2) * e(H + gamma
   * * G1, apk.g2) == 1}. It proves both {@code e(sigma, G2) == e(H, apk.g2)} and that apk's two
   * halves share one secret.
   *
   * <p>The keccak input is 320 bytes, in this order: H (64: x, y), apk.g1 (64: x, y), apk.g2 (128:
   * x.imaginary, x.real, y.imaginary, y.real), sigma (64: x, y), each coordinate a 32-byte
   * big-endian word as in the EVM encodings; the digest is read as a big-endian unsigned integer.
   * Malformed encodings and points at infinity (sigma or either half of apk) give false.
   */
  public static boolean verifyAggregate(BlsPublicKey apk, Bytes32 message, BlsSignature sigma) {
    if (apk == null || message == null || sigma == null) return false;
    G1Point s = decodeG1(sigma.g1());
    G1Point a1 = decodeG1(apk.g1());
    G2Point a2 = decodeG2(apk.g2());
    if (s == null || a1 == null || a2 == null) return false;
    Bytes h = hashToG1(message);
    BigInteger gamma = gamma(h, apk, sigma);
    G1Point left = s.add(a1.mul(gamma));
    G1Point right = G1Point.decode(h.unsafeArray(), 0).add(G1Point.GENERATOR.mul(gamma));
    return Pairing.check(List.of(left, right), List.of(MINUS_G2, a2));
  }

  /**
   * The challenge of {@link #verifyAggregate}: keccak256(H || apk.g1 || apk.g2 || sigma) mod r, on
   * well-formed encodings (so the bytes are the canonical ones the contract hashes).
   */
  static BigInteger gamma(Bytes h, BlsPublicKey apk, BlsSignature sigma) {
    return Keccak.hash(Bytes.concat(h, apk.g1(), apk.g2(), sigma.g1())).toBigInteger().mod(R);
  }

  /**
   * A proof of possession: the signature of {@code popMessage} (which the registry derives from the
   * operator's address and key, see the DataAvailability contract). Checked with {@link
   * #verifyPossession}, it stops rogue keys (a key chosen as {@code pk - sum(others)}).
   */
  public static BlsSignature provePossession(BlsKeyPair pair, Bytes32 popMessage) {
    return sign(pair.secret(), popMessage);
  }

  /** {@link #verifyAggregate} of one key: the signature is valid and the G1 and G2 halves match. */
  public static boolean verifyPossession(BlsPublicKey key, Bytes32 popMessage, BlsSignature proof) {
    return verifyAggregate(key, popMessage, proof);
  }

  private static G1Point hashPoint(Bytes32 message) {
    return G1Point.decode(hashToG1(message).unsafeArray(), 0);
  }

  /** The finite G1 point of a 64-byte encoding, or null when malformed or infinity. */
  private static G1Point decodeG1(Bytes encoded) {
    if (encoded == null || encoded.size() != 64) return null;
    G1Point p = G1Point.decode(encoded.unsafeArray(), 0);
    return p == null || p.isInfinity() ? null : p;
  }

  /** The finite G2 point of a 128-byte encoding, or null when malformed or infinity. */
  private static G2Point decodeG2(Bytes encoded) {
    G2Point q = decodeG2Allowing(encoded);
    return q == null || q.isInfinity() ? null : q;
  }

  /** The G2 point of a 128-byte encoding (infinity allowed), or null when malformed. */
  private static G2Point decodeG2Allowing(Bytes encoded) {
    if (encoded == null || encoded.size() != 128) return null;
    return G2Point.decode(encoded.unsafeArray(), 0);
  }

  private static G1Point requireG1(Bytes encoded, String what) {
    G1Point p =
        encoded == null || encoded.size() != 64 ? null : G1Point.decode(encoded.unsafeArray(), 0);
    if (p == null) throw new IllegalArgumentException("malformed " + what + ": " + encoded);
    return p;
  }
}
