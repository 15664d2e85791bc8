package io.levity.ai.model;

/**
 * Rotary position embedding, the "rotate half" pairing (element i with i + headDim / 2). The angle
 * tables come from {@link StrictMath} in double precision, rounded once to float, so every machine
 * has the same tables. Public for the trainer, which also needs the transposed rotation.
 */
public final class Rope {
  private final int half;
  private final float[] cos;
  private final float[] sin;

  public Rope(ModelConfig c) {
    int headDim = c.headDim();
    this.half = headDim / 2;
    this.cos = new float[c.maxSeq() * half];
    this.sin = new float[c.maxSeq() * half];
    for (int i = 0; i < half; i++) {
      double inverse = 1.0 / StrictMath.pow(c.ropeTheta(), (2.0 * i) / headDim);
      for (int p = 0; p < c.maxSeq(); p++) {
        double angle = p * inverse;
        cos[p * half + i] = (float) StrictMath.cos(angle);
        sin[p * half + i] = (float) StrictMath.sin(angle);
      }
    }
  }

  /** Rotates each head of x[off, off + heads * headDim) for position pos, in place. */
  public void apply(float[] x, int off, int heads, int pos) {
    rotate(x, off, heads, pos, false);
  }

  /**
   * The transpose of {@link #apply} (rotation by minus the angle), in place: it maps the gradient
   * of a rotated vector to the gradient of the vector before rotation.
   */
  public void applyTranspose(float[] g, int off, int heads, int pos) {
    rotate(g, off, heads, pos, true);
  }

  private void rotate(float[] x, int off, int heads, int pos, boolean inverse) {
    int headDim = 2 * half;
    for (int h = 0; h < heads; h++) {
      int base = off + h * headDim;
      for (int i = 0; i < half; i++) {
        float c = cos[pos * half + i];
        float s = inverse ? -sin[pos * half + i] : sin[pos * half + i];
        float x0 = x[base + i];
        float x1 = x[base + i + half];
        x[base + i] = x0 * c - x1 * s;
        x[base + i + half] = x0 * s + x1 * c;
      }
    }
  }
}
