package io.levity.ai.train;

import io.levity.ai.model.ModelConfig;
import io.levity.ai.tensor.Kernels;

/**
 * Causal (grouped-query) attention over a batch of full sequences, forward and backward. Forward is
 * Transformer's attention (scores by dot, softmax, an axpy per earlier position in position order).
 * Backward runs one task per (sequence, key-value head): it visits that group's query heads, then
 * positions, then earlier positions, in increasing order, so each key and value gradient is
 * accumulated in one fixed order by one thread.
 */
final class AttentionMath {
  private final Kernels k;
  private final int batch;
  private final int seq;
  private final int heads;
  private final int kvHeads;
  private final int hd;
  private final int d;
  private final int kvd;
  private final float scale;

  AttentionMath(ModelConfig c, int batch, int seqLen, Kernels kernels) {
    this.k = kernels;
    this.batch = batch;
    this.seq = seqLen;
    this.heads = c.heads();
    this.kvHeads = c.kvHeads();
    this.hd = c.headDim();
    this.d = c.dim();
    this.kvd = c.kvDim();
    this.scale = (float) (1.0 / Math.sqrt(hd));
  }

  /** Softmax weights of every (sequence, head, position) over earlier positions: [B][H][T][T]. */
  float[] newProbs() {
    return new float[batch * heads * seq * seq];
  }

  /** Attends q [B*T][d] over keys and values [B*T][kvd]; writes probs; returns [B*T][d]. */
  float[] forward(float[] q, float[] keys, float[] values, float[] probs) {
    float[] out = new float[batch * seq * d];
    int group = heads / kvHeads;
    Kernels.RowBody body =
        (from, to) -> {
          for (int row = from; row < to; row++) {
            int b = row / heads;
            int h = row % heads;
            int kvOff = (h / group) * hd;
            for (int t = 0; t < seq; t++) {
              int qOff = (b * seq + t) * d + h * hd;
              int pOff = (row * seq + t) * seq;
              for (int s = 0; s <= t; s++)
                probs[pOff + s] = k.dot(q, qOff, keys, (b * seq + s) * kvd + kvOff, hd) * scale;
              k.softmax(probs, pOff, t + 1);
              for (int s = 0; s <= t; s++)
                k.axpy(probs[pOff + s], values, (b * seq + s) * kvd + kvOff, out, qOff, hd);
            }
          }
        };
    k.forEachRow(batch * heads, work(), body);
    return out;
  }

  /**
   * Writes the gradients of q, keys and values (fresh arrays of their shapes) from the gradient of
   * the output.
   */
  void backward(
      float[] q,
      float[] keys,
      float[] values,
      float[] probs,
      float[] dOut,
      float[] dq,
      float[] dKeys,
      float[] dValues) {
    int group = heads / kvHeads;
    Kernels.RowBody body =
        (from, to) -> {
          float[] dp = new float[seq];
          for (int row = from; row < to; row++) {
            int b = row / kvHeads;
            int kvOff = (row % kvHeads) * hd;
            for (int h = (row % kvHeads) * group; h < (row % kvHeads + 1) * group; h++) {
              for (int t = 0; t < seq; t++) {
                int qOff = (b * seq + t) * d + h * hd;
                int pOff = ((b * heads + h) * seq + t) * seq;
                for (int s = 0; s <= t; s++)
                  dp[s] = k.dot(dOut, qOff, values, (b * seq + s) * kvd + kvOff, hd);
                float weighted = k.dot(dp, 0, probs, pOff, t + 1);
                for (int s = 0; s <= t; s++) {
                  int kOff = (b * seq + s) * kvd + kvOff;
                  float p = probs[pOff + s];
                  float ds = p * (dp[s] - weighted) * scale;
                  k.axpy(ds, keys, kOff, dq, qOff, hd);
                  k.axpy(ds, q, qOff, dKeys, kOff, hd);
                  k.axpy(p, dOut, qOff, dValues, kOff, hd);
                }
              }
            }
          }
        };
    k.forEachRow(batch * kvHeads, 3 * work(), body);
  }

  private long work() {
    return (long) batch * heads * seq * seq * hd;
  }
}
