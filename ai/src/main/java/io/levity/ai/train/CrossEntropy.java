package io.levity.ai.train;

import io.levity.ai.tensor.Kernels;

/**
 * Mean next-token cross-entropy and its gradient. Each row's softmax is Kernels' (max subtracted,
 * StrictMath.exp, a fixed-order sum); its loss is log(sum) - (logit[target] - max) with
 * StrictMath.log, never the log of a rounded probability; the mean is a fixed-order sum of the row
 * losses divided by the row count.
 */
final class CrossEntropy {
  private CrossEntropy() {}

  /**
   * The mean loss of logits [rows][vocab] against targets [rows]; writes dLogits = (softmax -
   * onehot) / rows.
   */
  static float lossAndGradient(
      Kernels k, float[] logits, int[] targets, int vocab, float[] dLogits) {
    int rows = targets.length;
    float[] losses = new float[rows];
    float count = rows;
    Kernels.RowBody body =
        (from, to) -> {
          for (int r = from; r < to; r++) {
            int off = r * vocab;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < vocab; i++) max = Math.max(max, logits[off + i]);
            for (int i = 0; i < vocab; i++)
              dLogits[off + i] = (float) StrictMath.exp(logits[off + i] - max);
            float total = k.sum(dLogits, off, vocab);
            int target = targets[r];
            losses[r] = (float) StrictMath.log(total) - (logits[off + target] - max);
            for (int i = 0; i < vocab; i++) {
              float p = dLogits[off + i] / total;
              dLogits[off + i] = (i == target ? p - 1f : p) / count;
            }
          }
        };
    k.forEachRow(rows, 16L * rows * vocab, body);
    return k.sum(losses, 0, rows) / count;
  }
}
