package io.levity.bench;

import io.levity.evm.precompile.Bn254Mul;
import io.levity.evm.precompile.Bn254Pairing;
import io.levity.evm.precompile.bn254.G1Point;
import io.levity.evm.precompile.bn254.G2Point;
import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bn254 precompiles through their EVM entry points: ECPAIRING over two pairs (113000 gas; the
 * common Groth16-style check has 3-4) and ECMUL (6000 gas), time per call. Inputs are valid points,
 * so decoding (with the G2 subgroup check) is part of the figure, as in a real call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Bn254PairingBench {
  private final Bn254Pairing pairing = new Bn254Pairing();
  private final Bn254Mul mul = new Bn254Mul();
  private byte[] pairingInput;
  private byte[] mulInput;

  @Setup
  public void setup() {
    BigInteger a = new BigInteger("1234567890123456789012345678901234567890");
    G1Point p = G1Point.GENERATOR.mul(a);
    G2Point q = G2Point.GENERATOR.mul(a.add(BigInteger.ONE));
    pairingInput = concat(p.encode(), q.encode(), p.negate().encode(), q.encode());
    byte[] scalar = new byte[32];
    byte[] k = a.shiftLeft(100).toByteArray();
    System.arraycopy(
        k, Math.max(0, k.length - 32), scalar, Math.max(0, 32 - k.length), Math.min(32, k.length));
    mulInput = concat(p.encode(), scalar);
    if (pairing.run(pairingInput)[31] != 1)
      throw new IllegalStateException("e(p, q) e(-p, q) is not one");
  }

  @Benchmark
  public byte[] pairingTwoPairs() {
    return pairing.run(pairingInput);
  }

  @Benchmark
  public byte[] scalarMultiplication() {
    return mul.run(mulInput);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] out = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }
}
