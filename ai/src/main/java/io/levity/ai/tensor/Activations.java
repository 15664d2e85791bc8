package io.levity.ai.tensor;

/**
 * Element-wise activations, the same on every path: float arithmetic in a written order and {@link
 * StrictMath} for the transcendental step, whose result Java specifies exactly (fdlibm), unlike
 * {@link Math}'s or the Vector API's, which may differ by an ulp between machines.
 */
public final class Activations {
  private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);
  private static final float GELU_CUBIC = 0.044715f;

  private Activations() {}

  /** 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))). */
  public static float gelu(float x) {
    float cube = x * x * x;
    float u = SQRT_2_OVER_PI * (x + GELU_CUBIC * cube);
    float t = (float) StrictMath.tanh(u);
    return 0.5f * x * (1f + t);
  }

  /** x / (1 + exp(-x)). */
  public static float silu(float x) {
    return x / (1f + (float) StrictMath.exp(-x));
  }

  /** d gelu(x) / dx for the tanh form, with the same tanh as {@link #gelu}. */
  public static float geluDerivative(float x) {
    float square = x * x;
    float cube = square * x;
    float u = SQRT_2_OVER_PI * (x + GELU_CUBIC * cube);
    float t = (float) StrictMath.tanh(u);
    float du = SQRT_2_OVER_PI * (1f + 3f * GELU_CUBIC * square);
    return 0.5f * (1f + t) + 0.5f * x * (1f - t * t) * du;
  }

  /** d silu(x) / dx = s (1 + x (1 - s)) with s = 1 / (1 + exp(-x)). */
  public static float siluDerivative(float x) {
    float s = 1f / (1f + (float) StrictMath.exp(-x));
    return s * (1f + x * (1f - s));
  }
}
