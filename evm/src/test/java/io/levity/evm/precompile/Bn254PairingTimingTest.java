package io.levity.evm.precompile;

import static io.levity.evm.precompile.PrecompileTestSupport.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.evm.precompile.bn254.G1Point;
import io.levity.evm.precompile.bn254.G2Point;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * A rough timing note, not a benchmark and not asserted: how long ECPAIRING takes for two pairs
 * (the common Groth16-style shape is 3-4 pairs) and ECMUL, after a short warm-up. Thread CPU time
 * is printed next to wall time because on a shared machine the wall figure moves with the load. JMH
 * belongs in the bench module.
 */
class Bn254PairingTimingTest {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Test
  void timeTwoPairPairingAndScalarMultiplication() {
    BigInteger a = new BigInteger("1234567890123456789012345678901234567890");
    G1Point p = G1Point.GENERATOR.mul(a);
    G2Point q = G2Point.GENERATOR.mul(a.add(BigInteger.ONE));
    byte[] pairingInput = concat(p.encode(), q.encode(), p.negate().encode(), q.encode());
    byte[] mulInput = concat(p.encode(), PrecompileTestSupport.word(a.shiftLeft(100)));
    Bn254Pairing pairing = new Bn254Pairing();
    Bn254Mul mul = new Bn254Mul();
    assertThat(pairing.run(pairingInput)[31]).isEqualTo((byte) 1);

    report("ECPAIRING, 2 pairs (113000 gas)", 100, () -> pairing.run(pairingInput));
    report("ECMUL (6000 gas)", 1000, () -> mul.run(mulInput));
  }

  private static void report(String what, int runs, Runnable call) {
    for (int i = 0; i < runs; i++) call.run(); // warm-up for the JIT
    long cpu = THREADS.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    for (int i = 0; i < runs; i++) call.run();
    double cpuMicros = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e3 / runs;
    double wallMicros = (System.nanoTime() - wall) / 1e3 / runs;
    System.out.printf(
        "bn254 %s: %.0f us CPU, %.0f us wall per call (%d runs after %d warm-up)%n",
        what, cpuMicros, wallMicros, runs, runs);
  }
}
