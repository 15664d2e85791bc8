package io.levity.ai.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.ai.tensor.Kernels;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded sampling repeats exactly, honours its filters, and follows the softmax; so does
 * generation.
 */
class SamplerTest {
  static final float[] LOGITS = {0.5f, 2f, 2f, -1f, 1.5f};

  static int[] draws(SamplingParams params, long seed, int n) {
    Sampler s = new Sampler(params, seed);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) out[i] = s.next(LOGITS, 0, LOGITS.length);
    return out;
  }

  @Test
  void greedyTakesTheHighestLogitAndTheLowestIdOnATie() {
    assertThat(draws(SamplingParams.greedy(), 1, 5)).containsOnly(1);
    assertThat(draws(new SamplingParams(1f, 1, 1), 99, 20)).as("top-1").containsOnly(1);
    assertThat(draws(new SamplingParams(1f, 0, 0.01), 99, 20)).as("tiny top-p").containsOnly(1);
  }

  @Test
  void theSameSeedGivesTheSameDrawsAndAnotherSeedOthers() {
    SamplingParams p = new SamplingParams(1f, 0, 1);
    assertThat(draws(p, 42, 200)).isEqualTo(draws(p, 42, 200));
    assertThat(draws(p, 43, 200)).isNotEqualTo(draws(p, 42, 200));
  }

  @Test
  void topKAndTopPKeepOnlyTheMostLikely() {
    Set<Integer> seen = new HashSet<>();
    for (int t : draws(new SamplingParams(5f, 3, 1), 7, 500)) seen.add(t);
    assertThat(seen).containsExactlyInAnyOrder(1, 2, 4);
    seen.clear();
    // Probabilities at temperature 1: 2, 2 hold about 0.65 together, so p = 0.6 keeps just those
    // two.
    for (int t : draws(new SamplingParams(1f, 0, 0.6), 7, 500)) seen.add(t);
    assertThat(seen).containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void drawsFollowTheSoftmax() {
    float[] logits = {0f, (float) Math.log(3)};
    Sampler s = new Sampler(new SamplingParams(1f, 0, 1), 5);
    int ones = 0;
    for (int i = 0; i < 4000; i++) ones += s.next(logits, 0, 2);
    assertThat(ones / 4000.0).isBetween(0.72, 0.78);
  }

  @Test
  void generationRepeatsForASeedOnEveryPathAndStopsAtTheMaximumLength() {
    ModelConfig config = ModelConfig.llama(50, 16, 2, 2, 1, 24, 12);
    ModelWeights weights = ModelWeights.random(config, 1);
    int[] prompt = {3, 1, 4};
    SamplingParams params = new SamplingParams(0.8f, 20, 0.95);
    int[] reference;
    try (Kernels k = Kernels.scalar(1)) {
      reference = new Generator(new Transformer(weights, k)).generate(prompt, 6, params, 2026);
    }
    try (Kernels k = Kernels.of(true, 2, 0)) {
      Generator g = new Generator(new Transformer(weights, k));
      assertThat(g.generate(prompt, 6, params, 2026)).isEqualTo(reference).hasSize(6);
      assertThat(g.generate(prompt, 100, params, 2026))
          .as("12 - 3 + 1 fit")
          .hasSize(10)
          .startsWith(reference);
      assertThatThrownBy(() -> g.generate(new int[0], 1, params, 1))
          .hasMessageContaining("at least one");
    }
    for (int t : reference) assertThat(t).isBetween(0, 49);
  }
}
