package io.levity.ai.train;

import io.levity.ai.tensor.Kernels;
import java.util.Map;
import java.util.SortedMap;

/**
 * Global-norm clipping and the AdamW update in float32, element by element in a written order (no
 * FMA); bias corrections use StrictMath.pow in double, rounded once to float. Weight decay is
 * decoupled (p -= lr wd p) and applies to linear matrices only: never to norms, biases or the
 * embeddings.
 */
final class AdamW {
  private AdamW() {}

  /**
   * sqrt of the sum of every gradient's squares: one fixed-order kernel dot per tensor, those added
   * in double in name order, the square root rounded once to float.
   */
  static float globalNorm(Kernels k, SortedMap<String, float[]> grads) {
    double total = 0;
    for (float[] g : grads.values()) total += k.dot(g, 0, g, 0, g.length);
    return (float) Math.sqrt(total);
  }

  /** Whether a weight gets weight decay: the linear matrices (LM head included), nothing else. */
  static boolean decays(String name) {
    return name.endsWith(".weight") && !name.startsWith("embed.") && !name.contains("norm.");
  }

  /**
   * Clips grads to c.clipNorm() given their norm, then updates every weight and its moments for the
   * update taking the state from step to step + 1 at learning rate lr.
   */
  static void update(
      TrainConfig c,
      long step,
      float lr,
      float norm,
      SortedMap<String, float[]> grads,
      Map<String, float[]> weights,
      Map<String, float[]> m,
      Map<String, float[]> v) {
    float clip = norm > c.clipNorm() ? c.clipNorm() / norm : 1f;
    float b1 = c.beta1();
    float b2 = c.beta2();
    float oneMinusB1 = 1f - b1;
    float oneMinusB2 = 1f - b2;
    float correction1 = (float) (1 - StrictMath.pow(b1, step + 1.0));
    float correction2 = (float) (1 - StrictMath.pow(b2, step + 1.0));
    float eps = c.eps();
    for (Map.Entry<String, float[]> e : grads.entrySet()) {
      String name = e.getKey();
      float[] g = e.getValue();
      float[] p = weights.get(name);
      float[] mt = m.get(name);
      float[] vt = v.get(name);
      float shrink = decays(name) ? lr * c.weightDecay() : 0f;
      for (int i = 0; i < p.length; i++) {
        float gi = g[i] * clip;
        mt[i] = b1 * mt[i] + oneMinusB1 * gi;
        vt[i] = b2 * vt[i] + oneMinusB2 * (gi * gi);
        float mHat = mt[i] / correction1;
        float vHat = vt[i] / correction2;
        float pi = p[i] - shrink * p[i];
        p[i] = pi - lr * (mHat / ((float) Math.sqrt(vHat) + eps));
      }
    }
  }
}
