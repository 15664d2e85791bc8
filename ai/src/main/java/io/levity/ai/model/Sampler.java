package io.levity.ai.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks a token from logits with a seeded {@link SplittableRandom}, the same token for the same
 * logits and seed on every machine: candidates are sorted by logit (then token id), probabilities
 * are computed with {@link StrictMath#exp} in double and summed in that sorted order, and one
 * uniform draw walks the cumulative sum.
 */
public final class Sampler {
  private final SamplingParams params;
  private final SplittableRandom random;

  public Sampler(SamplingParams params, long seed) {
    this.params = params;
    this.random = new SplittableRandom(seed);
  }

  /** The next token for logits[off, off + vocab). */
  public int next(float[] logits, int off, int vocab) {
    if (params.temperature() == 0) return argmax(logits, off, vocab);
    Integer[] order = new Integer[vocab];
    for (int i = 0; i < vocab; i++) order[i] = i;
    Arrays.sort(
        order,
        (a, b) -> {
          int byLogit = Float.compare(logits[off + b], logits[off + a]);
          return byLogit != 0 ? byLogit : Integer.compare(a, b);
        });
    int kept = params.topK() == 0 ? vocab : Math.min(params.topK(), vocab);
    double max = logits[off + order[0]] / (double) params.temperature();
    double[] p = new double[kept];
    double total = 0;
    for (int i = 0; i < kept; i++) {
      p[i] = StrictMath.exp(logits[off + order[i]] / (double) params.temperature() - max);
      total += p[i];
    }
    if (params.topP() < 1) {
      double cumulative = 0;
      int n = 0;
      while (n < kept && cumulative < params.topP() * total) cumulative += p[n++];
      kept = n;
      total = cumulative;
    }
    double u = random.nextDouble() * total;
    double cumulative = 0;
    for (int i = 0; i < kept; i++) {
      cumulative += p[i];
      if (u < cumulative) return order[i];
    }
    return order[kept - 1];
  }

  private static int argmax(float[] logits, int off, int vocab) {
    int best = 0;
    for (int i = 1; i < vocab; i++) if (logits[off + i] > logits[off + best]) best = i;
    return best;
  }
}
