package io.levity.ai.model;

/**
 * The keys and values of every position seen so far, per layer: [maxSeq][kvDim] each. A {@link
 * Transformer} appends to it; {@link #length} is the next position.
 */
public final class KvCache {
  final float[][] keys;
  final float[][] values;
  private final int maxSeq;
  private int length;

  public KvCache(ModelConfig config) {
    this.maxSeq = config.maxSeq();
    this.keys = new float[config.layers()][config.maxSeq() * config.kvDim()];
    this.values = new float[config.layers()][config.maxSeq() * config.kvDim()];
  }

  /** The number of positions held, which is the position of the next token. */
  public int length() {
    return length;
  }

  void advance(int tokens) {
    if (length + tokens > maxSeq) {
      throw new IllegalArgumentException(
          "the sequence would reach "
              + (length + tokens)
              + " tokens, the model's maximum is "
              + maxSeq);
    }
    length += tokens;
  }
}
