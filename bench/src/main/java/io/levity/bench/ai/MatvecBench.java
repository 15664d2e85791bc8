package io.levity.bench.ai;

import io.levity.ai.tensor.Kernels;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * out = W x on one thread, W [rows][cols] (GPT-2-124M's 768 x 768 attention and 768 x 3072 MLP
 * projections, and a 4096 x 4096 one past the caches). {@code kernel}: the runtime's deterministic
 * SIMD and scalar paths (bit-identical to each other), and the unordered kernels of {@link
 * UnorderedMatvec} (plain loop, {@code Math.fma} loop, widest-vector FMA): the gap between {@code
 * simd} and {@code vectorFma} is what the fixed order costs. GFLOP/s = 2 rows cols / time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MatvecBench {
  @Param({"768x768", "768x3072", "4096x4096"})
  public String shape;

  @Param({"simd", "scalar", "plainLoop", "fmaLoop", "vectorFma"})
  public String kernel;

  private int rows;
  private int cols;
  private float[] w;
  private float[] x;
  private float[] out;
  private Kernels kernels;

  @Setup
  public void setup() {
    int cut = shape.indexOf('x');
    rows = Integer.parseInt(shape.substring(0, cut));
    cols = Integer.parseInt(shape.substring(cut + 1));
    w = random(rows * cols, 1);
    x = random(cols, 2);
    out = new float[rows];
    kernels = kernel.equals("scalar") ? Kernels.scalar(1) : Kernels.simd(1);
  }

  static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = (float) (r.nextDouble() * 2 - 1);
    return a;
  }

  @TearDown
  public void close() {
    kernels.close();
  }

  @Benchmark
  public float[] matvec() {
    switch (kernel) {
      case "plainLoop" -> UnorderedMatvec.plainLoop(w, rows, cols, x, out);
      case "fmaLoop" -> UnorderedMatvec.fmaLoop(w, rows, cols, x, out);
      case "vectorFma" -> UnorderedMatvec.vectorFma(w, rows, cols, x, out, false);
      default -> kernels.matvec(w, rows, cols, x, out);
    }
    return out;
  }
}
