package io.levity.bench;

import io.levity.core.crypto.Keccak;
import java.util.Random;
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
 * Keccak-256 of a 32-byte input (a hash of a hash, a storage slot) and of 1 KiB (8 sponge blocks):
 * time per hash.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeccakBench {
  private byte[] in32;
  private byte[] in1k;

  @Setup
  public void setup() {
    Random rnd = new Random(1);
    in32 = new byte[32];
    in1k = new byte[1024];
    rnd.nextBytes(in32);
    rnd.nextBytes(in1k);
  }

  @Benchmark
  public byte[] hash32() {
    return Keccak.hash256(in32);
  }

  @Benchmark
  public byte[] hash1KiB() {
    return Keccak.hash256(in1k);
  }
}
