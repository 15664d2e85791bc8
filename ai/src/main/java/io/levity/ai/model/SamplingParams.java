package io.levity.ai.model;

/**
 * How the next token is chosen from the logits.
 *
 * @param temperature 0 for greedy (the highest logit, the lowest token id on a tie), else the
 *     logits are divided by it before the softmax
 * @param topK keep only the k most likely tokens; 0 keeps all
 * @param topP keep the smallest set of most likely tokens whose probability reaches p; 1 keeps all
 */
public record SamplingParams(float temperature, int topK, double topP) {
  public SamplingParams {
    if (!(temperature >= 0) || Float.isInfinite(temperature)) {
      throw new IllegalArgumentException(
          "temperature must be finite and at least 0, got " + temperature);
    }
    if (topK < 0) throw new IllegalArgumentException("topK must be at least 0, got " + topK);
    if (!(topP > 0 && topP <= 1))
      throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
  }

  /** Always the most likely token. */
  public static SamplingParams greedy() {
    return new SamplingParams(0, 0, 1);
  }
}
