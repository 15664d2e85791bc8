package io.levity.ai.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.ai.tensor.Kernels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled default model generates the same text and logits hash on every kernel path and thread
 * count, and the same as when this test was written, on whatever machine runs it: the pinned hashes
 * are the cross-machine check.
 */
class DefaultModelTest {
  /** Greedy, then seeded sampling: both pinned. */
  private static final String PROMPT = "Call me Ishmael.";

  static final String GREEDY_HASH =
      "0x6e2e754da9304c2db38889955327587d260fb21b01fc7ed53b1ea8cd2df2a940";
  static final String SAMPLED_HASH =
      "0x4279f800fa9988e1aa446b6c01f3e2db56a3d928635facc20e405b1dab7d93d7";

  @Test
  void everyConfigurationGivesThePinnedCompletion() throws Exception {
    ModelBundle model = DefaultModel.load();
    assertThat(model.config().layers()).isEqualTo(4);
    assertThat(model.tokenizer()).isPresent();
    List<Kernels> configurations = new ArrayList<>();
    configurations.add(Kernels.scalar(1));
    configurations.add(Kernels.scalar(3));
    if (Kernels.SIMD_AVAILABLE) {
      configurations.add(Kernels.of(true, 1, Kernels.DEFAULT_MIN_PARALLEL_WORK));
      configurations.add(Kernels.of(true, 2, 0));
      configurations.add(Kernels.of(true, 3, 0));
    }
    for (Kernels k : configurations) {
      try (k) {
        TextGenerator g =
            new TextGenerator(model.tokenizer().get(), new Transformer(model.weights(), k));
        TextGenerator.Completion greedy = g.complete(PROMPT, 32, SamplingParams.greedy(), 0);
        TextGenerator.Completion sampled =
            g.complete(PROMPT, 32, new SamplingParams(0.8f, 40, 0.95), 7);
        String where = (k.isSimd() ? "SIMD" : "scalar") + " x " + k.threads();
        assertThat(greedy.logitsHash().toHex())
            .as(where + " greedy: " + greedy.text())
            .isEqualTo(GREEDY_HASH);
        assertThat(sampled.logitsHash().toHex())
            .as(where + " sampled: " + sampled.text())
            .isEqualTo(SAMPLED_HASH);
      }
    }
  }
}
