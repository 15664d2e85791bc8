package io.levity.ai.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.ai.tensor.Kernels;
import io.levity.ai.tokenizer.BpeTokenizer;
import org.junit.jupiter.api.Test;

/** Text generation repeats for a seed across paths and thread counts, and differs for another. */
class TextGeneratorTest {
  @Test
  void theSameSeedGivesTheSameTextOnEveryPath() {
    BpeTokenizer tokenizer =
        BpeTokenizer.train("the cat sat on the mat. the dog sat on the log. ".repeat(4), 300);
    ModelConfig config = ModelConfig.gpt2(300, 16, 2, 2, 24);
    ModelWeights weights = ModelWeights.random(config, 9);
    SamplingParams params = new SamplingParams(1f, 0, 1);
    String reference;
    TextGenerator.Completion first;
    try (Kernels k = Kernels.scalar(1)) {
      TextGenerator g = new TextGenerator(tokenizer, new Transformer(weights, k));
      reference = g.generate("the cat", 12, params, 77);
      first = g.complete("the cat", 12, params, 77);
    }
    try (Kernels k = Kernels.of(true, 2, 0)) {
      TextGenerator g = new TextGenerator(tokenizer, new Transformer(weights, k));
      assertThat(g.generate("the cat", 12, params, 77)).isEqualTo(reference).isNotEmpty();
      TextGenerator.Completion again = g.complete("the cat", 12, params, 77);
      assertThat(again.text()).isEqualTo(first.text()).isEqualTo(reference);
      assertThat(again.logitsHash()).isEqualTo(first.logitsHash());
      // the hash covers the logits, not only the tokens: another model with the same greedy
      // choices would still differ
      assertThat(g.complete("the cat", 12, params, 78).logitsHash())
          .isNotEqualTo(first.logitsHash());
      assertThat(g.generate("the cat", 12, params, 78)).isNotEqualTo(reference);
    }
    try (Kernels k = Kernels.best(1)) {
      Transformer small =
          new Transformer(ModelWeights.random(ModelConfig.gpt2(256, 8, 1, 1, 8), 1), k);
      assertThatThrownBy(() -> new TextGenerator(tokenizer, small))
          .hasMessageContaining("only 256");
    }
  }
}
