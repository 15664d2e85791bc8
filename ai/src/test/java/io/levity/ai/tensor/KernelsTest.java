package io.levity.ai.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

/**
 * The SIMD and scalar paths, and 1, 2 and 3 threads, give the same bits on odd sizes and tails; and
 * the reduction order is the documented one, not a sequential sum.
 */
class KernelsTest {
  private static final Kernels SCALAR = Kernels.scalar(1);
  private static final Kernels SIMD = Kernels.best(1);
  private static final List<Kernels> ALL =
      List.of(
          SCALAR,
          SIMD,
          Kernels.of(true, 2, 0),
          Kernels.of(true, 3, 0),
          Kernels.of(false, 3, 0),
          Kernels.best(2));

  @AfterContainer
  static void close() {
    for (Kernels k : ALL) k.close();
  }

  static float[] randoms(long seed, int n, double scale) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) ((r.nextDouble() * 2 - 1) * Math.pow(scale, r.nextDouble()));
    }
    return a;
  }

  static int[] bits(float[] a) {
    int[] b = new int[a.length];
    for (int i = 0; i < a.length; i++) b[i] = Float.floatToRawIntBits(a[i]);
    return b;
  }

  @Test
  void theSimdPathRunsInThisBuild() {
    assertThat(SIMD.isSimd()).as("surefire adds jdk.incubator.vector").isTrue();
  }

  @Property(tries = 200)
  void reductionsMatchBitForBit(@ForAll @IntRange(min = 0, max = 300) int n, @ForAll long seed) {
    float[] a = randoms(seed, n + 5, 1e4);
    float[] b = randoms(seed + 1, n + 3, 1e4);
    assertThat(Float.floatToRawIntBits(SIMD.dot(a, 5, b, 3, n)))
        .isEqualTo(Float.floatToRawIntBits(SCALAR.dot(a, 5, b, 3, n)));
    assertThat(Float.floatToRawIntBits(SIMD.sum(a, 2, n)))
        .isEqualTo(Float.floatToRawIntBits(SCALAR.sum(a, 2, n)));
  }

  @Property(tries = 100)
  void elementwiseAndNormsMatchBitForBit(
      @ForAll @IntRange(min = 1, max = 200) int n, @ForAll long seed) {
    List<int[]> outs = new ArrayList<>();
    for (Kernels k : List.of(SCALAR, SIMD)) {
      float[] a = randoms(seed, n, 100);
      float[] b = randoms(seed + 7, n, 100);
      float[] g = randoms(seed + 8, n, 2);
      float[] out = new float[n];
      k.add(a, b, out);
      outs.add(bits(out));
      k.mul(a, b, out);
      outs.add(bits(out));
      float[] y = b.clone();
      k.axpy(0.37f, a, 0, y, 0, n);
      outs.add(bits(y));
      float[] s = a.clone();
      k.softmax(s, 0, n);
      outs.add(bits(s));
      k.layerNorm(a, g, b, 1e-5f, out);
      outs.add(bits(out));
      k.rmsNorm(a, g, 1e-6f, out);
      outs.add(bits(out));
      float[] act = a.clone();
      k.gelu(act);
      k.silu(act);
      outs.add(bits(act));
    }
    int half = outs.size() / 2;
    for (int i = 0; i < half; i++) assertThat(outs.get(half + i)).isEqualTo(outs.get(i));
  }

  @Property(tries = 40)
  void matrixProductsMatchAcrossPathsAndThreads(
      @ForAll @IntRange(min = 1, max = 70) int rows,
      @ForAll @IntRange(min = 1, max = 90) int cols,
      @ForAll @IntRange(min = 1, max = 5) int n,
      @ForAll long seed) {
    float[] w = randoms(seed, rows * cols, 10);
    float[] x = randoms(seed + 1, n * cols, 10);
    int[] vecRef = null;
    int[] matRef = null;
    for (Kernels k : ALL) {
      float[] v = new float[rows];
      k.matvec(w, rows, cols, x, v);
      float[] m = new float[n * rows];
      k.matmul(x, n, w, rows, cols, m);
      if (vecRef == null) {
        vecRef = bits(v);
        matRef = bits(m);
      }
      assertThat(bits(v)).as("matvec on " + k.threads() + " threads").isEqualTo(vecRef);
      assertThat(bits(m)).as("matmul on " + k.threads() + " threads").isEqualTo(matRef);
    }
    // Row 0 of the batch is the single-vector product, bit for bit.
    for (int r = 0; r < rows; r++) assertThat(matRef[r]).isEqualTo(vecRef[r]);
  }

  @Test
  void wideProductsSpanningSeveralTilesGiveTheSingleVectorBits() {
    // 2,053 columns make tiles of 12 inputs: 37 inputs are three whole tiles and a partial one.
    int rows = 9;
    int cols = 2053;
    int n = 37;
    float[] w = randoms(5, rows * cols, 10);
    float[] x = randoms(6, n * cols, 10);
    for (Kernels k : ALL) {
      float[] m = new float[n * rows];
      k.matmul(x, n, w, rows, cols, m);
      for (int t = 0; t < n; t++) {
        float[] v = new float[rows];
        SCALAR.matvec(w, rows, cols, Arrays.copyOfRange(x, t * cols, (t + 1) * cols), v);
        assertThat(bits(Arrays.copyOfRange(m, t * rows, (t + 1) * rows)))
            .as("input " + t + " on " + k.threads() + " threads, SIMD " + k.isSimd())
            .isEqualTo(bits(v));
      }
    }
  }

  @Test
  void theSumIsLaneWiseNotSequential() {
    // Lane 0 holds 1e8 and -1e8 (indices 0 and 16), lane 1 holds 1: the fixed order gives 1, a
    // sequential sum would lose the 1 to rounding and give 0.
    float[] a = new float[17];
    a[0] = 1e8f;
    a[1] = 1f;
    a[16] = -1e8f;
    assertThat(SCALAR.sum(a, 0, 17)).isEqualTo(1f);
    assertThat(SIMD.sum(a, 0, 17)).isEqualTo(1f);
    float sequential = 0;
    for (float v : a) sequential += v;
    assertThat(sequential).isEqualTo(0f);
  }

  @Test
  void activationsMatchTheirFormulas() {
    assertThat(Activations.gelu(0f)).isEqualTo(0f);
    assertThat((double) Activations.gelu(1f)).isCloseTo(0.8411920, within(1e-6));
    assertThat((double) Activations.silu(1f)).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-7));
  }

  @Test
  void activationDerivativesMatchCentralDifferences() {
    for (double x = -6; x <= 6; x += 0.37) {
      double h = 1e-4;
      double c = Math.sqrt(2 / Math.PI);
      double gelu = (geluDouble(x + h, c) - geluDouble(x - h, c)) / (2 * h);
      double silu = (siluDouble(x + h) - siluDouble(x - h)) / (2 * h);
      assertThat((double) Activations.geluDerivative((float) x))
          .as("gelu' at " + x)
          .isCloseTo(gelu, within(1e-5));
      assertThat((double) Activations.siluDerivative((float) x))
          .as("silu' at " + x)
          .isCloseTo(silu, within(1e-5));
    }
  }

  static double geluDouble(double x, double c) {
    return 0.5 * x * (1 + Math.tanh(c * (x + 0.044715 * x * x * x)));
  }

  static double siluDouble(double x) {
    return x / (1 + Math.exp(-x));
  }

  @Property(tries = 30)
  void transposeMovesEveryElement(
      @ForAll @IntRange(min = 1, max = 40) int rows,
      @ForAll @IntRange(min = 1, max = 40) int cols) {
    float[] a = randoms(rows * 31L + cols, rows * cols, 10);
    float[] t = new float[a.length];
    SCALAR.transpose(a, rows, cols, t);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) assertThat(t[c * rows + r]).isEqualTo(a[r * cols + c]);
    }
  }

  @Property(tries = 30)
  void forEachRowVisitsEveryRowOnce(@ForAll @IntRange(min = 0, max = 50) int rows) {
    for (Kernels k : ALL) {
      int[] visits = new int[rows];
      k.forEachRow(
          rows,
          Long.MAX_VALUE,
          (from, to) -> {
            for (int r = from; r < to; r++) visits[r]++;
          });
      for (int v : visits) assertThat(v).isEqualTo(1);
    }
  }
}
