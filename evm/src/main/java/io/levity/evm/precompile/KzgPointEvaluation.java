package io.levity.evm.precompile;

import ethereum.ckzg4844.CKZG4844JNI;
import ethereum.ckzg4844.CKZGException;
import io.levity.core.crypto.KzgSetup;
import io.levity.core.crypto.Sha256;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * 0x0a POINT EVALUATION (EIP-4844): verifies a KZG proof that the blob behind a commitment
 * evaluates to y at z. Input is exactly 192 bytes: versioned hash (32), z (32), y (32), commitment
 * (48), proof (48); the versioned hash must be 0x01 || sha256(commitment)[1:]. On success returns
 * FIELD_ELEMENTS_PER_BLOB and BLS_MODULUS as two words; every invalid input fails the call.
 */
public final class KzgPointEvaluation implements Precompile {
  static final long GAS = 50_000;
  static final int INPUT_LENGTH = 192;
  static final byte VERSIONED_HASH_VERSION_KZG = 0x01;
  static final int FIELD_ELEMENTS_PER_BLOB = 4096;
  static final BigInteger BLS_MODULUS =
      new BigInteger(
          "52435875175126190479447740508185965837690552500527637822603658699938581184513");
  private static final byte[] SUCCESS = successOutput();

  @Override
  public long gas(byte[] input) {
    return GAS;
  }

  @Override
  public byte[] run(byte[] input) {
    if (input.length != INPUT_LENGTH) return null;
    byte[] z = Arrays.copyOfRange(input, 32, 64);
    byte[] y = Arrays.copyOfRange(input, 64, 96);
    byte[] commitment = Arrays.copyOfRange(input, 96, 144);
    byte[] proof = Arrays.copyOfRange(input, 144, 192);
    byte[] versionedHash = Sha256.hash(commitment);
    versionedHash[0] = VERSIONED_HASH_VERSION_KZG;
    if (!Arrays.equals(versionedHash, 0, 32, input, 0, 32)) return null;
    KzgSetup.ensureLoaded();
    boolean valid;
    try {
      valid = CKZG4844JNI.verifyKzgProof(commitment, z, y, proof);
    } catch (CKZGException e) {
      // c-kzg reports malformed inputs (z or y not below the BLS modulus, undecodable points) as
      // C_KZG_BADARGS: for the EVM that is simply an invalid call
      if (e.getError() != CKZGException.CKZGError.C_KZG_BADARGS) throw e;
      valid = false;
    }
    return valid ? SUCCESS.clone() : null;
  }

  private static byte[] successOutput() {
    byte[] out = new byte[64];
    byte[] n = BigInteger.valueOf(FIELD_ELEMENTS_PER_BLOB).toByteArray();
    System.arraycopy(n, 0, out, 32 - n.length, n.length);
    byte[] m = BLS_MODULUS.toByteArray(); // 32 bytes: the top bit is clear
    System.arraycopy(m, 0, out, 64 - m.length, m.length);
    return out;
  }
}
