package io.levity.ai.model;

import io.levity.ai.tokenizer.BpeTokenizer;
import java.util.Arrays;

/** Text in, text out: a {@link BpeTokenizer} around a {@link Generator}. */
public final class TextGenerator {
  private final BpeTokenizer tokenizer;
  private final Generator generator;

  /** Throws when the tokenizer has tokens the model has no embedding for. */
  public TextGenerator(BpeTokenizer tokenizer, Transformer model) {
    if (tokenizer.vocabSize() > model.config().vocabSize()) {
      throw new IllegalArgumentException(
          "the tokenizer has "
              + tokenizer.vocabSize()
              + " tokens, the model only "
              + model.config().vocabSize());
    }
    this.tokenizer = tokenizer;
    this.generator = new Generator(model);
  }

  /**
   * The continuation of a prompt, up to maxTokens tokens; the same for the same seed everywhere.
   * Tokens beyond the tokenizer's vocabulary (a model may have spare rows) decode to nothing.
   */
  public String generate(String prompt, int maxTokens, SamplingParams params, long seed) {
    int[] tokens = generator.generate(tokenizer.encode(prompt), maxTokens, params, seed);
    return tokenizer.decode(Arrays.stream(tokens).filter(t -> t < tokenizer.vocabSize()).toArray());
  }
}
