package io.levity.ai.model;

import io.levity.ai.tokenizer.BpeTokenizer;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

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
    return complete(prompt, maxTokens, params, seed).text();
  }

  /**
   * A completion: its text, its tokens, and the Keccak-256 of the bits of every logit row a token
   * was sampled from, in order: the fingerprint two runs compare.
   */
  public record Completion(String text, List<Integer> tokens, Bytes32 logitsHash) {}

  /** As {@link #generate}, with the tokens and the logits' hash. */
  public Completion complete(String prompt, int maxTokens, SamplingParams params, long seed) {
    Keccak.Hasher hash = new Keccak.Hasher();
    int[] tokens =
        generator.generate(
            tokenizer.encode(prompt),
            maxTokens,
            params,
            seed,
            (logits, off, n) -> {
              ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
              for (int i = 0; i < n; i++) b.putInt(Float.floatToRawIntBits(logits[off + i]));
              hash.update(b.array());
            });
    String text =
        tokenizer.decode(Arrays.stream(tokens).filter(t -> t < tokenizer.vocabSize()).toArray());
    return new Completion(
        text, Arrays.stream(tokens).boxed().toList(), Bytes32.of32(hash.digest()));
  }
}
