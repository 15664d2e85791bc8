package io.levity.ai.model;

/**
 * The shape and family of a decoder-only transformer.
 *
 * @param vocabSize number of tokens
 * @param dim width of the residual stream
 * @param layers number of blocks
 * @param heads query heads; dim must be a multiple
 * @param kvHeads key and value heads (grouped-query attention); heads must be a multiple
 * @param hiddenDim width of the MLP
 * @param maxSeq longest sequence (the KV cache and learned positions)
 * @param norm LayerNorm (with bias) or RMSNorm
 * @param positions learned position embeddings or rotary
 * @param mlp GELU (up, down) or SwiGLU (gate, up, down)
 * @param bias whether linear layers have biases (GPT-2 does, Llama does not)
 * @param normEps the norms' epsilon
 * @param ropeTheta the rotary base (unused with learned positions)
 */
public record ModelConfig(
    int vocabSize,
    int dim,
    int layers,
    int heads,
    int kvHeads,
    int hiddenDim,
    int maxSeq,
    Norm norm,
    Positions positions,
    Mlp mlp,
    boolean bias,
    float normEps,
    float ropeTheta) {
  /** The normalization of the blocks and the final norm. */
  public enum Norm {
    LAYER,
    RMS
  }

  /** How positions enter the model. */
  public enum Positions {
    LEARNED,
    ROTARY
  }

  /** The feed-forward block. */
  public enum Mlp {
    GELU,
    SWIGLU
  }

  public ModelConfig {
    positive(vocabSize, "vocabSize");
    positive(dim, "dim");
    positive(layers, "layers");
    positive(heads, "heads");
    positive(kvHeads, "kvHeads");
    positive(hiddenDim, "hiddenDim");
    positive(maxSeq, "maxSeq");
    if (dim % heads != 0)
      throw new IllegalArgumentException("dim " + dim + " is not a multiple of heads " + heads);
    if (heads % kvHeads != 0) {
      throw new IllegalArgumentException(
          "heads " + heads + " is not a multiple of kvHeads " + kvHeads);
    }
    if (positions == Positions.ROTARY && (dim / heads) % 2 != 0) {
      throw new IllegalArgumentException(
          "rotary positions need an even head size, got " + dim / heads);
    }
    if (!(normEps > 0)) throw new IllegalArgumentException("normEps must be positive");
  }

  /** A GPT-2 style model: LayerNorm, learned positions, GELU MLP (4 x dim), biases. */
  public static ModelConfig gpt2(int vocabSize, int dim, int layers, int heads, int maxSeq) {
    return new ModelConfig(
        vocabSize,
        dim,
        layers,
        heads,
        heads,
        4 * dim,
        maxSeq,
        Norm.LAYER,
        Positions.LEARNED,
        Mlp.GELU,
        true,
        1e-5f,
        10000f);
  }

  /**
   * A Llama style model: RMSNorm, rotary positions, SwiGLU MLP, grouped-query attention, no biases.
   */
  public static ModelConfig llama(
      int vocabSize, int dim, int layers, int heads, int kvHeads, int hiddenDim, int maxSeq) {
    return new ModelConfig(
        vocabSize,
        dim,
        layers,
        heads,
        kvHeads,
        hiddenDim,
        maxSeq,
        Norm.RMS,
        Positions.ROTARY,
        Mlp.SWIGLU,
        false,
        1e-5f,
        10000f);
  }

  public int headDim() {
    return dim / heads;
  }

  public int kvDim() {
    return kvHeads * headDim();
  }

  private static void positive(int v, String name) {
    if (v <= 0) throw new IllegalArgumentException(name + " must be positive, got " + v);
  }
}
