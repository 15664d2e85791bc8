package io.levity.core.crypto;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * secp256k1 through the native libsecp256k1 (acinq JNI binding): signing with a recovery id (RFC
 * 6979 nonces, low-s), public-key recovery, verification and ECDH. Public keys are 64 bytes (x ||
 * y, no 0x04 prefix).
 */
public final class Secp256k1 {
  public static final BigInteger N =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
  public static final BigInteger HALF_N = N.shiftRight(1);

  private static final fr.acinq.secp256k1.Secp256k1 NATIVE = fr.acinq.secp256k1.Secp256k1.get();

  private Secp256k1() {}

  /**
   * A private key with its public key and address. A class rather than a record so that the public
   * key bytes stay private: {@link #publicKey()} hands out a copy.
   */
  public static final class KeyPair {
    private final Bytes32 privateKey;
    private final byte[] publicKey;
    private final Address address;

    private KeyPair(Bytes32 privateKey, byte[] publicKey, Address address) {
      this.privateKey = privateKey;
      this.publicKey = publicKey;
      this.address = address;
    }

    public static KeyPair fromPrivate(Bytes32 priv) {
      byte[] pub = Secp256k1.publicKey(priv.unsafeArray());
      return new KeyPair(priv, pub, Address.fromPublicKey(pub));
    }

    public static KeyPair random(SecureRandom rnd) {
      byte[] k = new byte[32];
      do {
        rnd.nextBytes(k);
      } while (!isValidPrivateKey(k));
      return fromPrivate(Bytes32.wrap32(k));
    }

    public Bytes32 privateKey() {
      return privateKey;
    }

    /** The 64-byte uncompressed public key without its 0x04 prefix (a copy). */
    public byte[] publicKey() {
      return publicKey.clone();
    }

    public Address address() {
      return address;
    }

    public Signature sign(byte[] hash32) {
      return Secp256k1.sign(hash32, privateKey.unsafeArray(), publicKey);
    }

    @Override
    public String toString() {
      return "KeyPair[" + address + "]";
    }
  }

  public static boolean isValidPrivateKey(byte[] priv) {
    return priv.length == 32 && NATIVE.secKeyVerify(priv);
  }

  /** 64-byte public key for a 32-byte private key. */
  public static byte[] publicKey(byte[] priv) {
    if (!isValidPrivateKey(priv))
      throw new IllegalArgumentException("invalid secp256k1 private key");
    byte[] uncompressed = NATIVE.pubkeyCreate(priv);
    return Arrays.copyOfRange(uncompressed, 1, 65);
  }

  /** Signs a 32-byte digest; the result has low s (EIP-2) and a recovery id. */
  public static Signature sign(byte[] hash32, byte[] priv) {
    return sign(hash32, priv, publicKey(priv));
  }

  static Signature sign(byte[] hash32, byte[] priv, byte[] pub64) {
    requireHash(hash32);
    byte[] compact = NATIVE.sign(hash32, priv); // normalised to low-s by libsecp256k1
    for (int recId = 0; recId < 4; recId++) {
      Optional<byte[]> pub = recoverCompact(hash32, compact, recId);
      if (pub.isPresent() && Arrays.equals(pub.get(), pub64)) {
        return new Signature(
            new BigInteger(1, Arrays.copyOfRange(compact, 0, 32)),
            new BigInteger(1, Arrays.copyOfRange(compact, 32, 64)),
            recId);
      }
    }
    throw new IllegalStateException("could not determine the recovery id of a fresh signature");
  }

  /** Recovers the 64-byte public key, or empty if the signature does not recover to a point. */
  public static Optional<byte[]> recover(byte[] hash32, Signature sig) {
    requireHash(hash32);
    if (!sig.inRange()) return Optional.empty();
    return recoverCompact(hash32, sig.compact(), sig.recId());
  }

  public static Optional<Address> recoverAddress(byte[] hash32, Signature sig) {
    return recover(hash32, sig).map(Address::fromPublicKey);
  }

  private static Optional<byte[]> recoverCompact(byte[] hash32, byte[] compact, int recId) {
    try {
      byte[] pub = NATIVE.ecdsaRecover(compact, hash32, recId);
      if (pub == null || pub.length != 65) return Optional.empty();
      return Optional.of(Arrays.copyOfRange(pub, 1, 65));
    } catch (RuntimeException e) { // the binding throws Secp256k1Exception on invalid input
      return Optional.empty();
    }
  }

  /** Verifies a signature against a 64-byte public key; high-s signatures are rejected. */
  public static boolean verify(byte[] hash32, Signature sig, byte[] pub64) {
    requireHash(hash32);
    if (!sig.inRange() || !sig.isLowS()) return false;
    try {
      return NATIVE.verify(sig.compact(), hash32, uncompressed(pub64));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The x coordinate of priv * pub: the raw ECDH shared secret (32 bytes). */
  public static byte[] sharedSecretX(byte[] priv, byte[] pub64) {
    byte[] point = NATIVE.pubKeyTweakMul(uncompressed(pub64), priv);
    byte[] parsed = NATIVE.pubkeyParse(point); // 65-byte uncompressed
    return Arrays.copyOfRange(parsed, 1, 33);
  }

  /** 33-byte compressed encoding of a 64-byte public key. */
  public static byte[] compress(byte[] pub64) {
    return NATIVE.pubKeyCompress(uncompressed(pub64));
  }

  /**
   * 64-byte public key from its 33-byte compressed or 65-byte uncompressed encoding; rejects points
   * off the curve.
   */
  public static byte[] decodePublicKey(byte[] encoded) {
    try {
      byte[] parsed = NATIVE.pubkeyParse(encoded);
      return Arrays.copyOfRange(parsed, 1, 65);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a valid secp256k1 public key", e);
    }
  }

  private static byte[] uncompressed(byte[] pub64) {
    if (pub64.length != 64)
      throw new IllegalArgumentException("expected a 64-byte public key, got " + pub64.length);
    byte[] u = new byte[65];
    u[0] = 4;
    System.arraycopy(pub64, 0, u, 1, 64);
    return u;
  }

  private static void requireHash(byte[] hash32) {
    if (hash32.length != 32)
      throw new IllegalArgumentException("expected a 32-byte digest, got " + hash32.length);
  }
}
