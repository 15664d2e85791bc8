package io.levity.ai.hf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.ai.tensor.FloatTensor;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Hand-built Hugging Face checkpoints: HF tensor names and shapes, seeded values, config.json. */
final class HfFixtures {
  private HfFixtures() {}

  static SortedMap<String, FloatTensor> tensors(HfReference.Shape s, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    SortedMap<String, FloatTensor> t = new TreeMap<>();
    int d = s.dim();
    int hidden = 3 * d;
    int kv = s.kvHeads() * (d / s.heads());
    if (s.gpt2()) {
      put(t, r, "wte.weight", s.vocab(), d);
      put(t, r, "wpe.weight", 16, d);
      for (int l = 0; l < s.layers(); l++) {
        String h = "h." + l + ".";
        norm(t, r, h + "ln_1.", d, true);
        put(t, r, h + "attn.c_attn.weight", d, 3 * d);
        put(t, r, h + "attn.c_attn.bias", 3 * d);
        put(t, r, h + "attn.c_proj.weight", d, d);
        put(t, r, h + "attn.c_proj.bias", d);
        norm(t, r, h + "ln_2.", d, true);
        put(t, r, h + "mlp.c_fc.weight", d, hidden);
        put(t, r, h + "mlp.c_fc.bias", hidden);
        put(t, r, h + "mlp.c_proj.weight", hidden, d);
        put(t, r, h + "mlp.c_proj.bias", d);
        // The causal-mask buffer old GPT-2 checkpoints carry: not a weight, skipped.
        put(t, r, h + "attn.bias", 1, 1, 16, 16);
      }
      norm(t, r, "ln_f.", d, true);
    } else {
      put(t, r, "model.embed_tokens.weight", s.vocab(), d);
      for (int l = 0; l < s.layers(); l++) {
        String h = "model.layers." + l + ".";
        norm(t, r, h + "input_layernorm.", d, false);
        put(t, r, h + "self_attn.q_proj.weight", d, d);
        put(t, r, h + "self_attn.k_proj.weight", kv, d);
        put(t, r, h + "self_attn.v_proj.weight", kv, d);
        put(t, r, h + "self_attn.o_proj.weight", d, d);
        norm(t, r, h + "post_attention_layernorm.", d, false);
        put(t, r, h + "mlp.gate_proj.weight", hidden, d);
        put(t, r, h + "mlp.up_proj.weight", hidden, d);
        put(t, r, h + "mlp.down_proj.weight", d, hidden);
      }
      norm(t, r, "model.norm.", d, false);
      put(t, r, "lm_head.weight", s.vocab(), d);
    }
    return t;
  }

  static ObjectNode config(HfReference.Shape s) {
    ObjectNode c = HfCheckpointsTest.JSON.createObjectNode();
    c.put("vocab_size", s.vocab());
    if (s.gpt2()) {
      c.put("model_type", "gpt2");
      c.put("n_embd", s.dim());
      c.put("n_layer", s.layers());
      c.put("n_head", s.heads());
      c.put("n_inner", 3 * s.dim());
      c.put("n_positions", 16);
      c.put("layer_norm_epsilon", s.eps());
    } else {
      c.put("model_type", "llama");
      c.put("hidden_size", s.dim());
      c.put("intermediate_size", 3 * s.dim());
      c.put("num_hidden_layers", s.layers());
      c.put("num_attention_heads", s.heads());
      c.put("num_key_value_heads", s.kvHeads());
      c.put("max_position_embeddings", 4096);
      c.put("rms_norm_eps", s.eps());
      c.put("rope_theta", s.theta());
      c.put("tie_word_embeddings", false);
    }
    return c;
  }

  private static void norm(
      SortedMap<String, FloatTensor> t, SplittableRandom r, String name, int d, boolean bias) {
    float[] gain = new float[d];
    for (int i = 0; i < d; i++) gain[i] = (float) (1 + 0.2 * (r.nextDouble() - 0.5));
    t.put(name + "weight", new FloatTensor(new int[] {d}, gain));
    if (bias) put(t, r, name + "bias", d);
  }

  private static void put(
      SortedMap<String, FloatTensor> t, SplittableRandom r, String name, int... shape) {
    float[] data = new float[(int) FloatTensor.elementCount(shape)];
    double scale = shape.length == 2 ? 1 / Math.sqrt(shape[0]) : 0.1;
    for (int i = 0; i < data.length; i++) data[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
    t.put(name, new FloatTensor(shape, data));
  }
}
