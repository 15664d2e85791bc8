package io.levity.ai.hf;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.ai.model.ModelConfig;

/**
 * config.json to {@link ModelConfig} and back. Fields absent from the file take the defaults of the
 * transformers library's config classes (GPT-2: epsilon 1e-5, tied head, hidden 4 x width; Llama:
 * epsilon 1e-6, rope theta 10000, kv heads = heads, untied head). Whatever this runtime does not
 * compute (rope scaling, biases on Llama, another activation) is refused, never ignored.
 */
final class HfConfigJson {
  /** Decimals kept as written, so a float field parses to the float it was written from. */
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** A parsed config.json: the family, this runtime's config, and whether the head is tied. */
  record Parsed(HfFamily family, ModelConfig config, boolean tied) {}

  private HfConfigJson() {}

  /** Parses config.json; maxSeqCap > 0 caps the sequence length (the KV cache and rope tables). */
  static Parsed parse(JsonNode root, int maxSeqCap) throws HfFormatException {
    if (!root.isObject()) throw new HfFormatException("config.json is not a JSON object");
    HfFamily family = HfFamily.ofModelType(text(root, "model_type", null));
    try {
      return family == HfFamily.GPT2 ? gpt2(root, maxSeqCap) : llama(root, maxSeqCap);
    } catch (IllegalArgumentException e) {
      throw new HfFormatException(
          "config.json describes an impossible model: " + e.getMessage(), e);
    }
  }

  private static Parsed gpt2(JsonNode r, int cap) throws HfFormatException {
    String act = text(r, "activation_function", "gelu_new");
    if (!act.equals("gelu_new") && !act.equals("gelu_pytorch_tanh")) {
      throw new HfFormatException(
          "config.json: activation_function '" + act + "' is not the tanh GELU this runtime has");
    }
    refuseTrue(r, "scale_attn_by_inverse_layer_idx");
    if (r.has("scale_attn_weights") && !r.get("scale_attn_weights").asBoolean(true)) {
      throw new HfFormatException("config.json: scale_attn_weights false is not supported");
    }
    int dim = integer(r, "n_embd", -1);
    int positions = integer(r, "n_positions", 1024);
    int hidden = r.hasNonNull("n_inner") ? integer(r, "n_inner", -1) : 4 * dim;
    ModelConfig c =
        new ModelConfig(
            integer(r, "vocab_size", -1),
            dim,
            integer(r, "n_layer", -1),
            integer(r, "n_head", -1),
            integer(r, "n_head", -1),
            hidden,
            cap(positions, cap),
            ModelConfig.Norm.LAYER,
            ModelConfig.Positions.LEARNED,
            ModelConfig.Mlp.GELU,
            true,
            number(r, "layer_norm_epsilon", 1e-5f),
            10000f);
    return new Parsed(HfFamily.GPT2, c, bool(r, "tie_word_embeddings", true));
  }

  private static Parsed llama(JsonNode r, int cap) throws HfFormatException {
    String act = text(r, "hidden_act", "silu");
    if (!act.equals("silu"))
      throw new HfFormatException("config.json: hidden_act '" + act + "' is not silu");
    refuseTrue(r, "attention_bias");
    refuseTrue(r, "mlp_bias");
    if (r.hasNonNull("rope_scaling")) {
      throw new HfFormatException(
          "config.json: rope_scaling " + r.get("rope_scaling") + " is not supported (plain rope)");
    }
    int dim = integer(r, "hidden_size", -1);
    int heads = integer(r, "num_attention_heads", -1);
    if (r.hasNonNull("head_dim") && heads > 0 && integer(r, "head_dim", -1) * heads != dim) {
      throw new HfFormatException(
          "config.json: head_dim "
              + r.get("head_dim")
              + " x heads "
              + heads
              + " != hidden_size "
              + dim);
    }
    ModelConfig c =
        new ModelConfig(
            integer(r, "vocab_size", -1),
            dim,
            integer(r, "num_hidden_layers", -1),
            heads,
            integer(r, "num_key_value_heads", heads),
            integer(r, "intermediate_size", -1),
            cap(integer(r, "max_position_embeddings", 2048), cap),
            ModelConfig.Norm.RMS,
            ModelConfig.Positions.ROTARY,
            ModelConfig.Mlp.SWIGLU,
            false,
            number(r, "rms_norm_eps", 1e-6f),
            number(r, "rope_theta", 10000f));
    return new Parsed(HfFamily.LLAMA, c, bool(r, "tie_word_embeddings", false));
  }

  /** The config.json of a model of this family; tied says the file has no separate LM head. */
  static ObjectNode write(HfFamily family, ModelConfig c, boolean tied) {
    ObjectNode r = JSON.createObjectNode();
    r.putArray("architectures").add(family.architecture());
    r.put("model_type", family.modelType());
    r.put("vocab_size", c.vocabSize());
    r.put("tie_word_embeddings", tied);
    r.put("torch_dtype", "float32");
    // This runtime has no special tokens, but some loaders (Jlama) require both ids: token 0, the
    // byte NUL, is named, which never occurs in text.
    r.put("bos_token_id", 0);
    r.put("eos_token_id", 0);
    if (family == HfFamily.GPT2) {
      r.put("n_embd", c.dim());
      r.put("n_layer", c.layers());
      r.put("n_head", c.heads());
      r.put("n_inner", c.hiddenDim());
      r.put("n_positions", c.maxSeq());
      r.put("n_ctx", c.maxSeq());
      r.put("layer_norm_epsilon", c.normEps());
      r.put("activation_function", "gelu_new");
    } else {
      r.put("hidden_size", c.dim());
      r.put("intermediate_size", c.hiddenDim());
      r.put("num_hidden_layers", c.layers());
      r.put("num_attention_heads", c.heads());
      r.put("num_key_value_heads", c.kvHeads());
      r.put("head_dim", c.headDim());
      r.put("max_position_embeddings", c.maxSeq());
      r.put("rms_norm_eps", c.normEps());
      r.put("rope_theta", c.ropeTheta());
      r.putNull("rope_scaling");
      r.put("hidden_act", "silu");
      r.put("attention_bias", false);
      r.put("mlp_bias", false);
    }
    return r;
  }

  private static int cap(int declared, int cap) {
    return cap > 0 ? Math.min(declared, cap) : declared;
  }

  private static String text(JsonNode r, String field, String dflt) throws HfFormatException {
    JsonNode n = r.get(field);
    if (n == null || n.isNull()) {
      if (dflt == null) throw new HfFormatException("config.json: missing '" + field + "'");
      return dflt;
    }
    if (!n.isTextual()) throw new HfFormatException("config.json: '" + field + "' is not a string");
    return n.asText();
  }

  private static int integer(JsonNode r, String field, int dflt) throws HfFormatException {
    JsonNode n = r.get(field);
    if (n == null || n.isNull()) {
      if (dflt < 0) throw new HfFormatException("config.json: missing '" + field + "'");
      return dflt;
    }
    if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() <= 0) {
      throw new HfFormatException(
          "config.json: '" + field + "' must be a positive integer, got " + n);
    }
    return n.asInt();
  }

  private static float number(JsonNode r, String field, float dflt) throws HfFormatException {
    JsonNode n = r.get(field);
    if (n == null || n.isNull()) return dflt;
    if (!n.isNumber() || !(n.asDouble() > 0) || Double.isInfinite(n.asDouble())) {
      throw new HfFormatException(
          "config.json: '" + field + "' must be a positive number, got " + n);
    }
    return Float.parseFloat(n.decimalValue().toString());
  }

  private static boolean bool(JsonNode r, String field, boolean dflt) throws HfFormatException {
    JsonNode n = r.get(field);
    if (n == null || n.isNull()) return dflt;
    if (!n.isBoolean())
      throw new HfFormatException("config.json: '" + field + "' is not a boolean");
    return n.asBoolean();
  }

  private static void refuseTrue(JsonNode r, String field) throws HfFormatException {
    if (bool(r, field, false))
      throw new HfFormatException("config.json: " + field + " true is not supported");
  }
}
