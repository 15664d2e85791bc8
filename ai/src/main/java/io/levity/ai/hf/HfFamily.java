package io.levity.ai.hf;

import io.levity.ai.model.ModelConfig;

/** The two Hugging Face architectures this package maps, and how to tell a config's family. */
public enum HfFamily {
  /** {@code GPT2LMHeadModel}: LayerNorm, learned positions, GELU (tanh), biases, Conv1D layout. */
  GPT2("gpt2", "GPT2LMHeadModel"),
  /** {@code LlamaForCausalLM}: RMSNorm, rotary (rotate half), SwiGLU, grouped-query, no biases. */
  LLAMA("llama", "LlamaForCausalLM");

  private final String modelType;
  private final String architecture;

  HfFamily(String modelType, String architecture) {
    this.modelType = modelType;
    this.architecture = architecture;
  }

  /** config.json's {@code model_type}. */
  public String modelType() {
    return modelType;
  }

  /** config.json's {@code architectures[0]}. */
  public String architecture() {
    return architecture;
  }

  /** The family of a config.json {@code model_type}; throws naming the supported ones. */
  public static HfFamily ofModelType(String modelType) throws HfFormatException {
    for (HfFamily f : values()) if (f.modelType.equals(modelType)) return f;
    throw new HfFormatException(
        "config.json: model_type '" + modelType + "' is not supported (only gpt2 and llama)");
  }

  /** The family whose shape this config has exactly; throws for a mix of the two. */
  public static HfFamily of(ModelConfig c) throws HfFormatException {
    if (c.norm() == ModelConfig.Norm.LAYER
        && c.positions() == ModelConfig.Positions.LEARNED
        && c.mlp() == ModelConfig.Mlp.GELU
        && c.bias()
        && c.kvHeads() == c.heads()) return GPT2;
    if (c.norm() == ModelConfig.Norm.RMS
        && c.positions() == ModelConfig.Positions.ROTARY
        && c.mlp() == ModelConfig.Mlp.SWIGLU
        && !c.bias()) return LLAMA;
    throw new HfFormatException(
        "this config ("
            + c
            + ") is neither GPT-2 shaped (LayerNorm, learned positions, GELU, biases, as many kv"
            + " heads as heads) nor Llama shaped (RMSNorm, rotary, SwiGLU, no biases)");
  }
}
