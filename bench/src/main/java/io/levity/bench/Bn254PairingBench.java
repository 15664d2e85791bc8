package io.levity.bench;

import io.levity.core.bytes.Hex;
import io.levity.evm.precompile.Bn254Pairing;
import io.levity.evm.precompile.Precompile;
import io.levity.evm.precompile.Precompiles;
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
  /** p = [a]G1 and q = [a + 1]G2 for a = 1234567890123456789012345678901234567890, and -p. */
  private static final String P =
      "247d300184230eda7fd65174f1ea653b0b416ec296d3387012ffd695f966324d"
          + "0ed24b29766173f9dd862e36bbe25508adb65e4790b90373829bada14862f06f";

  private static final String Q =
      "2d2e345d166a0f7d832e1dfd21a4d6fb2679b9d0ee8f57211d6296707d302772"
          + "09cb805f92163f9180d52134138a7758d698d088aa302094a8721c2544c84285"
          + "0af19b3d440b0af44fb34693bb259ace78e454cfde071a895d1f74ac7a7e2e24"
          + "2e9cef9cb77c3be8372c76709e6ff5a4c8b8a32ce58cad1e177a1939ae8cc950";

  private static final String MINUS_P =
      "247d300184230eda7fd65174f1ea653b0b416ec296d3387012ffd695f966324d"
          + "219203496ad02c2fdaca177fc59f0354e9cb0c49d7b8c719b984de75901a0cd8";

  /** a · 2^100, a 230-bit scalar. */
  private static final String SCALAR =
      "0000003a0c92075c0dbf3b8acbc5f96ce3f0ad20000000000000000000000000";

  private final Bn254Pairing pairing = new Bn254Pairing();
  private final Precompile mul = Precompiles.BN254_MUL;
  private byte[] pairingInput;
  private byte[] mulInput;

  @Setup
  public void setup() {
    pairingInput = Hex.decode(P + Q + MINUS_P + Q);
    mulInput = Hex.decode(P + SCALAR);
    if (pairing.run(pairingInput)[31] != 1) {
      throw new IllegalStateException("e(p, q) e(-p, q) is not one");
    }
  }

  @Benchmark
  public byte[] pairingTwoPairs() {
    return pairing.run(pairingInput);
  }

  @Benchmark
  public byte[] scalarMultiplication() {
    return mul.run(mulInput);
  }
}
