package io.levity.ai.train;

import io.levity.ai.tensor.Activations;
import io.levity.ai.tensor.Kernels;

/**
 * Linear layers, norms and activations, forward and backward, over whole [rows][width] activations.
 * Forward computes exactly what {@code Transformer} computes (the same kernels in the same order),
 * so training sees the inference model's bits. Every sum over rows (a weight or bias gradient) is a
 * fixed-order kernel reduction over a transposed operand; threads only split rows whose results are
 * independent.
 */
final class LayerMath {
  private final Kernels k;

  LayerMath(Kernels kernels) {
    this.k = kernels;
  }

  /** y = x W^T (+ b) for x [n][in], W [out][in]; b may be null. */
  float[] linear(float[] x, int n, float[] w, float[] b, int out, int in) {
    float[] y = new float[n * out];
    k.matmul(x, n, w, out, in, y);
    if (b != null) {
      for (int t = 0; t < n; t++) {
        for (int j = 0; j < out; j++) y[t * out + j] += b[j];
      }
    }
    return y;
  }

  /**
   * The backward of {@link #linear}: writes dW = dY^T X (each element a dot product over the n
   * rows) and, when db is not null, db = the column sums of dY; returns dX = dY W.
   */
  float[] linearBackward(
      float[] x, float[] dy, int n, float[] w, int out, int in, float[] dw, float[] db) {
    float[] dyT = transpose(dy, n, out);
    float[] xT = transpose(x, n, in);
    k.matmul(dyT, out, xT, in, n, dw);
    if (db != null) {
      for (int o = 0; o < out; o++) db[o] = k.sum(dyT, o * n, n);
    }
    float[] dx = new float[n * in];
    k.matmul(dy, n, transpose(w, out, in), in, out, dx);
    return dx;
  }

  private float[] transpose(float[] a, int rows, int cols) {
    float[] t = new float[a.length];
    k.transpose(a, rows, cols, t);
    return t;
  }

  /** What a norm keeps for its backward: the normalized rows and each row's 1 / rms or 1 / std. */
  @SuppressWarnings("ArrayRecordComponent") // package-private scratch, filled by norm in place
  record NormSaved(float[] xhat, float[] inv) {}

  /**
   * LayerNorm (bias not null) or RMSNorm of each of n rows of width d, as Kernels computes them;
   * saves the normalized rows and scales into saved.
   */
  float[] norm(float[] x, int n, int d, float[] gain, float[] bias, float eps, NormSaved saved) {
    float[] out = new float[n * d];
    float[] xhat = saved.xhat();
    float[] inv = saved.inv();
    Kernels.RowBody body =
        (from, to) -> {
          float[] centred = new float[d];
          for (int t = from; t < to; t++) {
            int off = t * d;
            float scale;
            if (bias != null) {
              float mean = k.sum(x, off, d) / d;
              for (int i = 0; i < d; i++) centred[i] = x[off + i] - mean;
              float var = k.dot(centred, 0, centred, 0, d) / d;
              scale = 1f / (float) Math.sqrt(var + eps);
              for (int i = 0; i < d; i++) xhat[off + i] = centred[i] * scale;
              for (int i = 0; i < d; i++) out[off + i] = xhat[off + i] * gain[i] + bias[i];
            } else {
              float ms = k.dot(x, off, x, off, d) / d;
              scale = 1f / (float) Math.sqrt(ms + eps);
              for (int i = 0; i < d; i++) xhat[off + i] = x[off + i] * scale;
              for (int i = 0; i < d; i++) out[off + i] = xhat[off + i] * gain[i];
            }
            inv[t] = scale;
          }
        };
    k.forEachRow(n, 8L * n * d, body);
    return out;
  }

  /**
   * The backward of {@link #norm}: writes dGain (and dBias when not null) as fixed-order sums over
   * rows; returns dX.
   */
  float[] normBackward(
      float[] dy, int n, int d, float[] gain, NormSaved saved, float[] dGain, float[] dBias) {
    float[] xhat = saved.xhat();
    float[] inv = saved.inv();
    float[] dx = new float[n * d];
    boolean layer = dBias != null;
    Kernels.RowBody body =
        (from, to) -> {
          float[] dxhat = new float[d];
          for (int t = from; t < to; t++) {
            int off = t * d;
            for (int i = 0; i < d; i++) dxhat[i] = dy[off + i] * gain[i];
            float meanDxhat = layer ? k.sum(dxhat, 0, d) / d : 0f;
            float meanProduct = k.dot(dxhat, 0, xhat, off, d) / d;
            for (int i = 0; i < d; i++) {
              float centred = layer ? dxhat[i] - meanDxhat : dxhat[i];
              dx[off + i] = inv[t] * (centred - xhat[off + i] * meanProduct);
            }
          }
        };
    k.forEachRow(n, 8L * n * d, body);
    float[] product = new float[n * d];
    k.mul(dy, xhat, product);
    columnSums(product, n, d, dGain);
    if (layer) columnSums(dy, n, d, dBias);
    return dx;
  }

  /** out[j] = sum over rows t of a[t][j], each a fixed-order kernel sum. */
  void columnSums(float[] a, int n, int d, float[] out) {
    float[] t = transpose(a, n, d);
    for (int j = 0; j < d; j++) out[j] = k.sum(t, j * n, n);
  }

  /** GELU of a copy of h (h is kept for the backward). */
  float[] gelu(float[] h) {
    float[] a = new float[h.length];
    elementwise(
        h.length,
        (from, to) -> {
          for (int i = from; i < to; i++) a[i] = Activations.gelu(h[i]);
        });
    return a;
  }

  /** dH = dA gelu'(h). */
  float[] geluBackward(float[] h, float[] da) {
    float[] dh = new float[h.length];
    elementwise(
        h.length,
        (from, to) -> {
          for (int i = from; i < to; i++) dh[i] = da[i] * Activations.geluDerivative(h[i]);
        });
    return dh;
  }

  /** silu(gate) * up, as Transformer computes it. */
  float[] swiglu(float[] gate, float[] up) {
    float[] a = new float[up.length];
    elementwise(
        up.length,
        (from, to) -> {
          for (int i = from; i < to; i++) a[i] = Activations.silu(gate[i]) * up[i];
        });
    return a;
  }

  /** Writes dUp = dA silu(gate) and dGate = dA up silu'(gate). */
  void swigluBackward(float[] gate, float[] up, float[] da, float[] dGate, float[] dUp) {
    elementwise(
        up.length,
        (from, to) -> {
          for (int i = from; i < to; i++) {
            dUp[i] = da[i] * Activations.silu(gate[i]);
            dGate[i] = da[i] * up[i] * Activations.siluDerivative(gate[i]);
          }
        });
  }

  /**
   * Runs an element-wise body over [0, length) in chunks on the kernels' threads: each element's
   * result depends on that element alone, so who computes it never matters.
   */
  private void elementwise(int length, Kernels.RowBody body) {
    int chunks = (length + CHUNK - 1) / CHUNK;
    k.forEachRow(
        chunks, 32L * length, (from, to) -> body.run(from * CHUNK, Math.min(length, to * CHUNK)));
  }

  private static final int CHUNK = 4096;
}
