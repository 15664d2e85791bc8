package io.levity.ai.tensor;

/**
 * The reference loops of the kernels, one element at a time. {@link VectorOps} must give the same
 * bits: both accumulate into {@link #LANES} accumulators laid out the same way and finish with
 * {@link #finish}.
 */
final class ScalarOps {
  /** Accumulators of every reduction: lane j sums elements i with i % LANES == j. */
  static final int LANES = 16;

  private ScalarOps() {}

  /** sum_i a[aOff + i] * b[bOff + i], i < n, in the fixed order. */
  static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    float[] acc = new float[LANES];
    dotInto(acc, a, aOff, b, bOff, 0, n);
    return finish(acc);
  }

  /**
   * Adds a[aOff + i] * b[bOff + i] to acc[i % LANES] for from <= i < n: the scalar loop, and the
   * tail of the SIMD one.
   */
  static void dotInto(float[] acc, float[] a, int aOff, float[] b, int bOff, int from, int n) {
    dotInto(acc, 0, a, aOff, b, bOff, from, n);
  }

  /** {@link #dotInto} with the 16 accumulators at acc[accOff, accOff + 16). */
  static void dotInto(
      float[] acc, int accOff, float[] a, int aOff, float[] b, int bOff, int from, int n) {
    for (int i = from; i < n; i++) {
      float p = a[aOff + i] * b[bOff + i];
      acc[accOff + i % LANES] += p;
    }
  }

  /** sum_i a[off + i], i < n, in the fixed order. */
  static float sum(float[] a, int off, int n) {
    float[] acc = new float[LANES];
    sumInto(acc, a, off, 0, n);
    return finish(acc);
  }

  static void sumInto(float[] acc, float[] a, int off, int from, int n) {
    for (int i = from; i < n; i++) acc[i % LANES] += a[off + i];
  }

  /**
   * The fixed final sum of the 16 lanes: halves added lane by lane (j + 8, then j + 4, j + 2, j +
   * 1), the same tree a SIMD register reduction would use, written out so it never depends on one.
   */
  static float finish(float[] acc) {
    return finish(acc, 0);
  }

  /** {@link #finish} of the 16 accumulators at acc[off, off + 16). */
  static float finish(float[] acc, int off) {
    float[] s = new float[8];
    for (int j = 0; j < 8; j++) s[j] = acc[off + j] + acc[off + j + 8];
    for (int j = 0; j < 4; j++) s[j] = s[j] + s[j + 4];
    for (int j = 0; j < 2; j++) s[j] = s[j] + s[j + 2];
    return s[0] + s[1];
  }

  /** out[i] = a[i] + b[i]. */
  static void add(float[] a, float[] b, float[] out, int from, int n) {
    for (int i = from; i < n; i++) out[i] = a[i] + b[i];
  }

  /** out[i] = a[i] * b[i]. */
  static void mul(float[] a, float[] b, float[] out, int from, int n) {
    for (int i = from; i < n; i++) out[i] = a[i] * b[i];
  }

  /** y[yOff + i] += a * x[xOff + i]: a multiply, then an add (never fused). */
  static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int from, int n) {
    for (int i = from; i < n; i++) {
      float p = a * x[xOff + i];
      y[yOff + i] += p;
    }
  }
}
