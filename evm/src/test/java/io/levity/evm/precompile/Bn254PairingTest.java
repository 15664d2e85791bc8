package io.levity.evm.precompile;

import static io.levity.evm.precompile.PrecompileTestSupport.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.crypto.bn254.G1Point;
import io.levity.core.crypto.bn254.G2Point;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The inputs Bn254PairingBench (bench module) times: a two-pair ECPAIRING, the common shape of a
 * Groth16-style check, and an ECMUL by a wide scalar, checked for their results.
 */
class Bn254PairingTest {
  private static final BigInteger A = new BigInteger("1234567890123456789012345678901234567890");
  private static final G1Point P = G1Point.GENERATOR.mul(A);
  private static final G2Point Q = G2Point.GENERATOR.mul(A.add(BigInteger.ONE));

  @Test
  void twoPairsCancelOnlyWithTheNegatedPoint() {
    Bn254Pairing pairing = new Bn254Pairing();
    byte[] cancelling = concat(P.encode(), Q.encode(), P.negate().encode(), Q.encode());
    byte[] doubling = concat(P.encode(), Q.encode(), P.encode(), Q.encode());
    assertThat(pairing.run(cancelling)).hasSize(32).endsWith(1);
    assertThat(pairing.run(doubling)).hasSize(32).containsOnly(0);
    assertThat(pairing.gas(cancelling)).isEqualTo(113_000);
  }

  @Test
  void scalarMultiplicationByAWideScalar() {
    BigInteger k = A.shiftLeft(100);
    byte[] out = Precompiles.BN254_MUL.run(concat(P.encode(), PrecompileTestSupport.word(k)));
    assertThat(out).isEqualTo(P.mul(k).encode());
    assertThat(out).isEqualTo(G1Point.GENERATOR.mul(A.multiply(k)).encode());
  }
}
