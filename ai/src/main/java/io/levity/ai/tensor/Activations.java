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
}
