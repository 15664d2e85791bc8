package io.levity.evm.precompile;

import static io.levity.evm.precompile.PrecompileTestSupport.concat;
import static io.levity.evm.precompile.PrecompileTestSupport.hex;
import static io.levity.evm.precompile.PrecompileTestSupport.word;
import static org.assertj.core.api.Assertions.assertThat;

import ethereum.ckzg4844.CKZG4844JNI;
import ethereum.ckzg4844.ProofAndY;
import io.levity.core.crypto.KzgSetup;
import io.levity.core.crypto.Sha256;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KzgPointEvaluationTest {
  /**
   * The compressed encoding of the BLS12-381 G1 point at infinity: the commitment to the zero
   * polynomial.
   */
  private static final byte[] INFINITY = hex("c0" + "00".repeat(47));

  private static byte[] blob;
  private static byte[] commitment;

  private final KzgPointEvaluation kzg = new KzgPointEvaluation();

  @BeforeAll
  static void makeBlob() {
    KzgSetup.ensureLoaded();
    blob = new byte[CKZG4844JNI.BYTES_PER_BLOB];
    for (int i = 0; i < 4096; i++) {
      byte[] element = word(BigInteger.valueOf(i).pow(3).add(BigInteger.valueOf(7 * i + 1)));
      System.arraycopy(element, 0, blob, 32 * i, 32);
    }
    commitment = CKZG4844JNI.blobToKzgCommitment(blob);
  }

  private static byte[] versionedHash(byte[] commitment) {
    byte[] h = Sha256.hash(commitment);
    h[0] = 1;
    return h;
  }

  private static byte[] input(byte[] commitment, byte[] z, byte[] y, byte[] proof) {
    return concat(versionedHash(commitment), z, y, commitment, proof);
  }

  private static byte[] successOutput() {
    return concat(word(CKZG4844JNI.FIELD_ELEMENTS_PER_BLOB), word(CKZG4844JNI.BLS_MODULUS));
  }

  @Test
  void roundTripThroughThePrecompile() {
    byte[] z = word(0x1234567);
    ProofAndY proof = CKZG4844JNI.computeKzgProof(blob, z);
    byte[] out = kzg.run(input(commitment, z, proof.getY(), proof.getProof()));
    assertThat(out).isEqualTo(successOutput());
    assertThat(hex(out))
        .isEqualTo(
            "0000000000000000000000000000000000000000000000000000000000001000"
                + "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");
    assertThat(kzg.gas(new byte[0])).isEqualTo(50_000);
  }

  @Test
  void wrongEvaluationFails() {
    byte[] z = word(99);
    ProofAndY proof = CKZG4844JNI.computeKzgProof(blob, z);
    byte[] y = proof.getY().clone();
    y[31] ^= 1;
    assertThat(kzg.run(input(commitment, z, y, proof.getProof()))).isNull();
    assertThat(kzg.run(input(commitment, word(100), proof.getY(), proof.getProof()))).isNull();
  }

  @Test
  void versionedHashMustMatchTheCommitment() {
    byte[] z = word(5);
    ProofAndY proof = CKZG4844JNI.computeKzgProof(blob, z);
    byte[] in = input(commitment, z, proof.getY(), proof.getProof());
    byte[] wrongVersion = in.clone();
    wrongVersion[0] = 2;
    assertThat(kzg.run(wrongVersion)).isNull();
    byte[] wrongHash = in.clone();
    wrongHash[31] ^= 1;
    assertThat(kzg.run(wrongHash)).isNull();
  }

  @Test
  void inputMustBeExactly192Bytes() {
    byte[] z = word(5);
    ProofAndY proof = CKZG4844JNI.computeKzgProof(blob, z);
    byte[] in = input(commitment, z, proof.getY(), proof.getProof());
    assertThat(kzg.run(in)).isNotNull();
    assertThat(kzg.run(Arrays.copyOf(in, 191))).isNull();
    assertThat(kzg.run(Arrays.copyOf(in, 193))).isNull();
    assertThat(kzg.run(new byte[0])).isNull();
  }

  /**
   * The zero polynomial: commitment and proof are both the point at infinity and every z evaluates
   * to 0.
   */
  @Test
  void zeroPolynomialVector() {
    assertThat(kzg.run(input(INFINITY, word(0), word(0), INFINITY))).isEqualTo(successOutput());
    assertThat(kzg.run(input(INFINITY, word(123456789), word(0), INFINITY)))
        .isEqualTo(successOutput());
    assertThat(kzg.run(input(INFINITY, word(1), word(1), INFINITY))).isNull();
  }

  @Test
  void malformedFieldElementsAndPointsFail() {
    BigInteger modulus = KzgPointEvaluation.BLS_MODULUS;
    assertThat(kzg.run(input(INFINITY, word(modulus), word(0), INFINITY))).isNull();
    assertThat(kzg.run(input(INFINITY, word(0), word(modulus), INFINITY))).isNull();
    byte[] notAPoint = hex("ff".repeat(48));
    assertThat(kzg.run(input(notAPoint, word(0), word(0), INFINITY))).isNull();
    assertThat(kzg.run(input(INFINITY, word(0), word(0), notAPoint))).isNull();
  }

  @Test
  void constantsMatchTheLibrary() {
    assertThat(KzgPointEvaluation.BLS_MODULUS).isEqualTo(CKZG4844JNI.BLS_MODULUS);
    assertThat(KzgPointEvaluation.FIELD_ELEMENTS_PER_BLOB)
        .isEqualTo(CKZG4844JNI.FIELD_ELEMENTS_PER_BLOB);
  }

  @Test
  void loadingIsIdempotentAcrossThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<?>[] fs = new Future<?>[8];
      for (int i = 0; i < fs.length; i++) fs[i] = pool.submit(KzgSetup::ensureLoaded);
      for (Future<?> f : fs) f.get();
    } finally {
      pool.shutdownNow();
    }
    assertThat(kzg.run(input(INFINITY, word(0), word(0), INFINITY))).isEqualTo(successOutput());
  }
}
