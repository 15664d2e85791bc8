package io.levity.ai.model;

/**
 * Autoregressive generation: the prompt in one forward pass, then one token at a time through the
 * KV cache, each chosen by a {@link Sampler} seeded with the given seed. The same model, prompt,
 * parameters and seed give the same tokens on every path and thread count.
 */
public final class Generator {
  private final Transformer model;

  public Generator(Transformer model) {
    this.model = model;
  }

  /**
   * Up to maxTokens new tokens after the prompt (fewer when the model's maximum sequence is
   * reached).
   */
  public int[] generate(int[] prompt, int maxTokens, SamplingParams params, long seed) {
    return generate(prompt, maxTokens, params, seed, (logits, off, n) -> {});
  }

  /** What sees the logits each token is sampled from, in order. */
  @FunctionalInterface
  public interface LogitsObserver {
    void logits(float[] logits, int off, int n);
  }

  /**
   * As {@link #generate(int[], int, SamplingParams, long)}, showing {@code observer} the logits.
   */
  public int[] generate(
      int[] prompt, int maxTokens, SamplingParams params, long seed, LogitsObserver observer) {
    if (prompt.length == 0)
      throw new IllegalArgumentException("the prompt needs at least one token");
    ModelConfig c = model.config();
    int room = Math.max(0, Math.min(maxTokens, c.maxSeq() - prompt.length + 1));
    Sampler sampler = new Sampler(params, seed);
    KvCache cache = model.newCache();
    float[] logits = model.forward(prompt, cache);
    int v = c.vocabSize();
    int[] out = new int[room];
    int last = (prompt.length - 1) * v;
    for (int i = 0; i < room; i++) {
      observer.logits(logits, last, v);
      out[i] = sampler.next(logits, last, v);
      if (i + 1 < room) {
        logits = model.forward(new int[] {out[i]}, cache);
        last = 0;
      }
    }
    return out;
  }
}
