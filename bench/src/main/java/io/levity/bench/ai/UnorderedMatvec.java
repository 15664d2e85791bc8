package io.levity.bench.ai;

import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix-vector products with no determinism rules, to price them: the reduction order is left to
 * the machine (the widest vector species, lanes reduced however the Vector API likes) and
 * multiply-adds are fused. Their results differ from the runtime's in the last bits and may differ
 * between machines; they exist only in this benchmark module.
 */
public final class UnorderedMatvec {
  private static final VectorSpecies<Float> PREFERRED = FloatVector.SPECIES_PREFERRED;

  private UnorderedMatvec() {}

  /** A plain loop: one accumulator, a multiply then an add (what a naive port writes). */
  public static void plainLoop(float[] w, int rows, int cols, float[] x, float[] out) {
    for (int r = 0; r < rows; r++) {
      float s = 0;
      int base = r * cols;
      for (int i = 0; i < cols; i++) s += w[base + i] * x[i];
      out[r] = s;
    }
  }

  /** A plain loop with {@link Math#fma}: one rounding per step, still one accumulator. */
  public static void fmaLoop(float[] w, int rows, int cols, float[] x, float[] out) {
    for (int r = 0; r < rows; r++) {
      float s = 0;
      int base = r * cols;
      for (int i = 0; i < cols; i++) s = Math.fma(w[base + i], x[i], s);
      out[r] = s;
    }
  }

  /**
   * The fastest free-for-all: the widest species the CPU has, two fused accumulators, an
   * unspecified-order lane reduction; rows on the common fork-join pool when parallel.
   */
  public static void vectorFma(
      float[] w, int rows, int cols, float[] x, float[] out, boolean parallel) {
    IntStream range = IntStream.range(0, rows);
    (parallel ? range.parallel() : range).forEach(r -> out[r] = dot(w, r * cols, x, cols));
  }

  private static float dot(float[] w, int base, float[] x, int cols) {
    int step = PREFERRED.length();
    FloatVector a0 = FloatVector.zero(PREFERRED);
    FloatVector a1 = FloatVector.zero(PREFERRED);
    int i = 0;
    for (; i + 2 * step <= cols; i += 2 * step) {
      a0 =
          FloatVector.fromArray(PREFERRED, w, base + i)
              .fma(FloatVector.fromArray(PREFERRED, x, i), a0);
      a1 =
          FloatVector.fromArray(PREFERRED, w, base + i + step)
              .fma(FloatVector.fromArray(PREFERRED, x, i + step), a1);
    }
    float s = a0.add(a1).reduceLanes(VectorOperators.ADD);
    for (; i < cols; i++) s = Math.fma(w[base + i], x[i], s);
    return s;
  }
}
