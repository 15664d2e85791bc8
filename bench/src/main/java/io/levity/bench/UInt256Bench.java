package io.levity.bench;

import io.levity.core.num.UInt256;
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
 * The fee product every transaction computes (gas limit times fee cap, checked for overflow): on
 * 64-bit limbs as {@link UInt256#multiplyExact} does now, against the BigInteger route it took
 * before (to BigInteger, multiply, check the bit length, back), kept here as the reference.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UInt256Bench {
  private UInt256 gas;
  private UInt256 feeCap;

  @Setup
  public void setup() {
    gas = UInt256.valueOf(57_000);
    feeCap = UInt256.valueOf(2_000_000_000_000L);
  }

  @Benchmark
  public UInt256 multiplyExactLimbs() {
    return gas.multiplyExact(feeCap);
  }

  @Benchmark
  public UInt256 multiplyExactBigInteger() {
    BigInteger r = gas.toBigInteger().multiply(feeCap.toBigInteger());
    return r.bitLength() > 256 ? null : UInt256.valueOf(r);
  }
}
