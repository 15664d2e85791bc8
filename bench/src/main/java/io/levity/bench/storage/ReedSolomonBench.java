package io.levity.bench.storage;

import io.levity.storage.erasure.ReedSolomon;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reed-Solomon 6+3 with 1 MiB shards on one thread: time per encode (3 parity shards from 6 data
 * shards) and per decode with data shards 0, 2 and 4 lost. Throughput in GB/s per core = 6 MiB of
 * data / the time per operation (the convention ISA-L and klauspost/reedsolomon use: data bytes
 * processed). {@code kernel=scalar} forces the table kernel; {@code simd} uses the Vector API (the
 * fork adds {@code jdk.incubator.vector}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ReedSolomonBench {
  @Param({"1048576"})
  public int shardSize;

  @Param({"simd", "scalar"})
  public String kernel;

  private ReedSolomon rs;
  private byte[][] shards;
  private byte[][] work;
  private final boolean[] present = {false, true, false, true, false, true, true, true, true};

  @Setup
  public void setup() {
    // Each parameter set runs in its own fork, so this is read before the kernel class initialises.
    System.setProperty("levity.storage.scalar", Boolean.toString(kernel.equals("scalar")));
    rs = ReedSolomon.create(6, 3);
    shards = new byte[9][shardSize];
    Random rnd = new Random(1);
    for (int i = 0; i < 6; i++) rnd.nextBytes(shards[i]);
    rs.encode(shards);
    work = new byte[9][];
    for (int i = 0; i < 9; i++) work[i] = shards[i].clone();
    System.out.println("\nkernel in use: " + ReedSolomon.kernel());
  }

  @Benchmark
  public byte[][] encode() {
    rs.encode(shards);
    return shards;
  }

  /**
   * Rebuilds three data shards in place (their old contents are overwritten, so no copying is
   * timed).
   */
  @Benchmark
  public byte[][] decodeThreeDataLost() {
    rs.decode(work, present);
    return work;
  }
}
