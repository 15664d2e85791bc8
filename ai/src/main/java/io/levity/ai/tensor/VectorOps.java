package io.levity.ai.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD forms of {@link ScalarOps}' loops via the incubating Vector API, with the same bits. The
 * species is fixed at 256 bits (8 lanes) on every machine, so two vectors hold the 16 accumulators
 * in {@link ScalarOps}' layout (lanes 0-7 and 8-15); multiplies and adds are separate operations,
 * as in the scalar loops. Loaded only when the {@code jdk.incubator.vector} module is present.
 */
final class VectorOps {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
  private static final int L = 8;
  private static final int BLOCK = ScalarOps.LANES;

  private VectorOps() {}

  static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    FloatVector lo = FloatVector.zero(S);
    FloatVector hi = FloatVector.zero(S);
    int bound = n - n % BLOCK;
    for (int i = 0; i < bound; i += BLOCK) {
      FloatVector pl =
          FloatVector.fromArray(S, a, aOff + i).mul(FloatVector.fromArray(S, b, bOff + i));
      FloatVector ph =
          FloatVector.fromArray(S, a, aOff + i + L).mul(FloatVector.fromArray(S, b, bOff + i + L));
      lo = lo.add(pl);
      hi = hi.add(ph);
    }
    float[] acc = lanes(lo, hi);
    ScalarOps.dotInto(acc, a, aOff, b, bOff, bound, n);
    return ScalarOps.finish(acc);
  }

  /**
   * Four dot products of one row a with rows b0..b3 (offsets bOff + j * bStride), written to
   * out[outOff + j * outStride]: each with exactly {@link #dot}'s operations and order, sharing the
   * loads of a. A matrix product's inner block.
   */
  static void dot4(
      float[] a,
      int aOff,
      float[] b,
      int bOff,
      int bStride,
      int n,
      float[] out,
      int outOff,
      int outStride) {
    FloatVector lo0 = FloatVector.zero(S);
    FloatVector hi0 = FloatVector.zero(S);
    FloatVector lo1 = FloatVector.zero(S);
    FloatVector hi1 = FloatVector.zero(S);
    FloatVector lo2 = FloatVector.zero(S);
    FloatVector hi2 = FloatVector.zero(S);
    FloatVector lo3 = FloatVector.zero(S);
    FloatVector hi3 = FloatVector.zero(S);
    int b1 = bOff + bStride;
    int b2 = b1 + bStride;
    int b3 = b2 + bStride;
    int bound = n - n % BLOCK;
    for (int i = 0; i < bound; i += BLOCK) {
      FloatVector al = FloatVector.fromArray(S, a, aOff + i);
      FloatVector ah = FloatVector.fromArray(S, a, aOff + i + L);
      lo0 = lo0.add(al.mul(FloatVector.fromArray(S, b, bOff + i)));
      hi0 = hi0.add(ah.mul(FloatVector.fromArray(S, b, bOff + i + L)));
      lo1 = lo1.add(al.mul(FloatVector.fromArray(S, b, b1 + i)));
      hi1 = hi1.add(ah.mul(FloatVector.fromArray(S, b, b1 + i + L)));
      lo2 = lo2.add(al.mul(FloatVector.fromArray(S, b, b2 + i)));
      hi2 = hi2.add(ah.mul(FloatVector.fromArray(S, b, b2 + i + L)));
      lo3 = lo3.add(al.mul(FloatVector.fromArray(S, b, b3 + i)));
      hi3 = hi3.add(ah.mul(FloatVector.fromArray(S, b, b3 + i + L)));
    }
    // Stored here, in this method, so the vectors never leave it (a vector passed to a method
    // that is not inlined is boxed, which costs more than the products).
    float[] acc = new float[4 * BLOCK];
    lo0.intoArray(acc, 0);
    hi0.intoArray(acc, L);
    lo1.intoArray(acc, BLOCK);
    hi1.intoArray(acc, BLOCK + L);
    lo2.intoArray(acc, 2 * BLOCK);
    hi2.intoArray(acc, 2 * BLOCK + L);
    lo3.intoArray(acc, 3 * BLOCK);
    hi3.intoArray(acc, 3 * BLOCK + L);
    for (int j = 0; j < 4; j++) {
      ScalarOps.dotInto(acc, j * BLOCK, a, aOff, b, bOff + j * bStride, bound, n);
      out[outOff + j * outStride] = ScalarOps.finish(acc, j * BLOCK);
    }
  }

  static float sum(float[] a, int off, int n) {
    FloatVector lo = FloatVector.zero(S);
    FloatVector hi = FloatVector.zero(S);
    int bound = n - n % BLOCK;
    for (int i = 0; i < bound; i += BLOCK) {
      lo = lo.add(FloatVector.fromArray(S, a, off + i));
      hi = hi.add(FloatVector.fromArray(S, a, off + i + L));
    }
    float[] acc = lanes(lo, hi);
    ScalarOps.sumInto(acc, a, off, bound, n);
    return ScalarOps.finish(acc);
  }

  private static float[] lanes(FloatVector lo, FloatVector hi) {
    float[] acc = new float[BLOCK];
    lo.intoArray(acc, 0);
    hi.intoArray(acc, L);
    return acc;
  }

  static void add(float[] a, float[] b, float[] out, int n) {
    int bound = S.loopBound(n);
    for (int i = 0; i < bound; i += L) {
      FloatVector.fromArray(S, a, i).add(FloatVector.fromArray(S, b, i)).intoArray(out, i);
    }
    ScalarOps.add(a, b, out, bound, n);
  }

  static void mul(float[] a, float[] b, float[] out, int n) {
    int bound = S.loopBound(n);
    for (int i = 0; i < bound; i += L) {
      FloatVector.fromArray(S, a, i).mul(FloatVector.fromArray(S, b, i)).intoArray(out, i);
    }
    ScalarOps.mul(a, b, out, bound, n);
  }

  static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
    int bound = S.loopBound(n);
    for (int i = 0; i < bound; i += L) {
      FloatVector p = FloatVector.fromArray(S, x, xOff + i).mul(a);
      FloatVector.fromArray(S, y, yOff + i).add(p).intoArray(y, yOff + i);
    }
    ScalarOps.axpy(a, x, xOff, y, yOff, bound, n);
  }
}
