package io.levity.evm.precompile;

import io.levity.core.bytes.Address;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.Sha256;
import io.levity.core.crypto.Signature;
import io.levity.core.crypto.bn254.G1Point;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * Every precompiled contract Levity has, one instance each (they are stateless). The ones priced as
 * a base plus a price per input word are written here as functions; MODEXP, BN254 pairing, BLAKE2F
 * and the point evaluation have classes of their own.
 */
public final class Precompiles {
  /**
   * 0x01 ECRECOVER: the address that signed a 32-byte hash, left-padded to a word; 3000 gas. Input
   * is hash, v, r, s (one word each, zero-padded to 128 bytes). A bad v or an unrecoverable
   * signature is not a failure: the call succeeds with empty output.
   */
  public static final Precompile ECRECOVER = new PricedPrecompile(3000, 0, Precompiles::ecRecover);

  /** 0x02 SHA256: the SHA-256 digest of the input; 60 gas plus 12 per word. */
  public static final Precompile SHA256 = new PricedPrecompile(60, 12, Sha256::hash);

  /**
   * 0x03 RIPEMD160: the RIPEMD-160 digest left-padded to a 32-byte word; 600 gas plus 120 per word.
   */
  public static final Precompile RIPEMD160 = new PricedPrecompile(600, 120, Precompiles::ripemd160);

  /** 0x04 IDENTITY: a copy of its input; 15 gas plus 3 per word. */
  public static final Precompile IDENTITY = new PricedPrecompile(15, 3, byte[]::clone);

  /** 0x05 MODEXP (EIP-198, EIP-2565). */
  public static final Precompile MODEXP = new ModExp();

  /**
   * 0x06 ECADD (EIP-196, priced by EIP-1108): the sum of two bn254 G1 points, each 64 bytes (x, y);
   * input zero-padded to 128 bytes; 150 gas. Coordinates not below p or points off the curve fail
   * the call.
   */
  public static final Precompile BN254_ADD = new PricedPrecompile(150, 0, Precompiles::bn254Add);

  /**
   * 0x07 ECMUL (EIP-196, priced by EIP-1108): a bn254 G1 point (64 bytes) times a 256-bit scalar;
   * input zero-padded to 96 bytes; 6000 gas. The scalar is not reduced or range-checked: every
   * value is allowed.
   */
  public static final Precompile BN254_MUL = new PricedPrecompile(6000, 0, Precompiles::bn254Mul);

  /** 0x08 ECPAIRING (EIP-197, priced by EIP-1108). */
  public static final Precompile BN254_PAIRING = new Bn254Pairing();

  /** 0x09 BLAKE2F (EIP-152). */
  public static final Precompile BLAKE2F = new Blake2f();

  /** 0x0a POINT EVALUATION (EIP-4844). */
  public static final Precompile POINT_EVALUATION = new KzgPointEvaluation();

  /**
   * 0xed25 ED25519VERIFY, Levity's chain only (not in any Ethereum fork): see {@link
   * Ed25519Verify}; 2000 gas.
   */
  public static final Precompile ED25519_VERIFY =
      new PricedPrecompile(Ed25519Verify.GAS, 0, Ed25519Verify::run);

  /** The address number of {@link #ED25519_VERIFY}: {@code 0x...ed25}. */
  public static final int ED25519_VERIFY_ADDRESS = Ed25519Verify.ADDRESS;

  private Precompiles() {}

  private static byte[] ecRecover(byte[] input) {
    byte[] in = Inputs.padded(input, 128);
    // v is a whole word and must be exactly 27 or 28
    for (int i = 32; i < 63; i++) {
      if (in[i] != 0) return Inputs.EMPTY;
    }
    int v = in[63] & 0xff;
    if (v != 27 && v != 28) return Inputs.EMPTY;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(in, 64, 96));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(in, 96, 128));
    // Secp256k1.recover rejects r or s outside [1, n-1]; high s is allowed here (EIP-2 applies to
    // transactions)
    Optional<byte[]> pub =
        Secp256k1.recover(Arrays.copyOfRange(in, 0, 32), new Signature(r, s, v - 27));
    if (pub.isEmpty()) return Inputs.EMPTY;
    byte[] out = new byte[32];
    System.arraycopy(Address.fromPublicKey(pub.get()).unsafeArray(), 0, out, 12, 20);
    return out;
  }

  private static byte[] ripemd160(byte[] input) {
    RIPEMD160Digest digest = new RIPEMD160Digest();
    digest.update(input, 0, input.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 12);
    return out;
  }

  private static byte[] bn254Add(byte[] input) {
    byte[] in = Inputs.padded(input, 128);
    G1Point a = G1Point.decode(in, 0);
    G1Point b = G1Point.decode(in, 64);
    return a == null || b == null ? null : a.add(b).encode();
  }

  private static byte[] bn254Mul(byte[] input) {
    byte[] in = Inputs.padded(input, 96);
    G1Point p = G1Point.decode(in, 0);
    if (p == null) return null;
    return p.mul(new BigInteger(1, Arrays.copyOfRange(in, 64, 96))).encode();
  }
}
