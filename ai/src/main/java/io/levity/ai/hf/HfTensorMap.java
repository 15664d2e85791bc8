package io.levity.ai.hf;

import io.levity.ai.model.ModelConfig;
import io.levity.ai.model.ModelWeights;
import io.levity.ai.tensor.FloatTensor;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The tensor names of both families in both directions. GPT-2's Conv1D stores its matrices [in,
 * out] and fuses q, k, v into {@code c_attn}: they are transposed and split here. Llama's
 * projections are already [out, in]. HF Llama rotates q and k with "rotate half" (pairs i and i +
 * headDim / 2), which is what this runtime's rope does, so its q and k rows are taken as they are;
 * only Meta's original checkpoints use interleaved pairs (the transformers conversion script
 * permutes them into this layout).
 */
final class HfTensorMap {
  /**
   * Buffers some checkpoints carry that are not weights (GPT-2's causal mask, rope frequencies).
   */
  private static final Pattern IGNORED =
      Pattern.compile(
          "h\\.\\d+\\.attn\\.(bias|masked_bias)|model\\.layers\\.\\d+\\.self_attn\\.rotary_emb\\.inv_freq");

  private HfTensorMap() {}

  /** This runtime's tensors from a checkpoint's, every HF tensor used or known to be a buffer. */
  static SortedMap<String, FloatTensor> toOurs(
      HfConfigJson.Parsed parsed, Map<String, FloatTensor> hfTensors) throws HfFormatException {
    Source src = new Source(hfTensors, parsed.family() == HfFamily.GPT2 ? "transformer." : "");
    ModelConfig c = parsed.config();
    SortedMap<String, FloatTensor> out = new TreeMap<>();
    int d = c.dim();
    if (parsed.family() == HfFamily.GPT2) {
      FloatTensor wte = src.take("wte.weight", c.vocabSize(), d);
      out.put("embed.tokens", wte);
      out.put("embed.positions", src.takeRows("wpe.weight", c.maxSeq(), d));
      for (int i = 0; i < c.layers(); i++) {
        String h = "h." + i + ".";
        String l = "layers." + i + ".";
        copyNorm(src, h + "ln_1", l + "attn_norm", d, out);
        float[] qkv = transpose(src.take(h + "attn.c_attn.weight", d, 3 * d).data(), d, 3 * d);
        float[] qkvBias = src.take(h + "attn.c_attn.bias", 3 * d).data();
        String[] parts = {"q", "k", "v"};
        for (int p = 0; p < 3; p++) {
          float[] w = Arrays.copyOfRange(qkv, p * d * d, (p + 1) * d * d);
          out.put(l + "attn." + parts[p] + ".weight", new FloatTensor(new int[] {d, d}, w));
          float[] b = Arrays.copyOfRange(qkvBias, p * d, (p + 1) * d);
          out.put(l + "attn." + parts[p] + ".bias", new FloatTensor(new int[] {d}, b));
        }
        conv1d(src, h + "attn.c_proj", l + "attn.o", d, d, out);
        copyNorm(src, h + "ln_2", l + "mlp_norm", d, out);
        conv1d(src, h + "mlp.c_fc", l + "mlp.up", d, c.hiddenDim(), out);
        conv1d(src, h + "mlp.c_proj", l + "mlp.down", c.hiddenDim(), d, out);
      }
      copyNorm(src, "ln_f", "final_norm", d, out);
      out.put("lm_head.weight", head(src, parsed.tied(), wte, c));
    } else {
      FloatTensor embed = src.take("model.embed_tokens.weight", c.vocabSize(), d);
      out.put("embed.tokens", embed);
      for (int i = 0; i < c.layers(); i++) {
        String h = "model.layers." + i + ".";
        String l = "layers." + i + ".";
        out.put(l + "attn_norm.weight", src.take(h + "input_layernorm.weight", d));
        out.put(l + "attn.q.weight", src.take(h + "self_attn.q_proj.weight", d, d));
        out.put(l + "attn.k.weight", src.take(h + "self_attn.k_proj.weight", c.kvDim(), d));
        out.put(l + "attn.v.weight", src.take(h + "self_attn.v_proj.weight", c.kvDim(), d));
        out.put(l + "attn.o.weight", src.take(h + "self_attn.o_proj.weight", d, d));
        out.put(l + "mlp_norm.weight", src.take(h + "post_attention_layernorm.weight", d));
        int hid = c.hiddenDim();
        out.put(l + "mlp.gate.weight", src.take(h + "mlp.gate_proj.weight", hid, d));
        out.put(l + "mlp.up.weight", src.take(h + "mlp.up_proj.weight", hid, d));
        out.put(l + "mlp.down.weight", src.take(h + "mlp.down_proj.weight", d, hid));
      }
      out.put("final_norm.weight", src.take("model.norm.weight", d));
      out.put("lm_head.weight", head(src, parsed.tied(), embed, c));
    }
    src.checkAllUsed();
    return out;
  }

  /** A checkpoint's tensors from this runtime's weights; tied leaves out the LM head. */
  static SortedMap<String, FloatTensor> toHf(HfFamily family, ModelWeights w, boolean tied) {
    ModelConfig c = w.config();
    SortedMap<String, FloatTensor> out = new TreeMap<>();
    int d = c.dim();
    int hid = c.hiddenDim();
    if (family == HfFamily.GPT2) {
      out.put("wte.weight", tensor(w, "embed.tokens", c.vocabSize(), d));
      out.put("wpe.weight", tensor(w, "embed.positions", c.maxSeq(), d));
      for (int i = 0; i < c.layers(); i++) {
        String h = "h." + i + ".";
        String l = "layers." + i + ".";
        normOut(w, l + "attn_norm", h + "ln_1", d, out);
        float[] fused = new float[3 * d * d];
        float[] fusedBias = new float[3 * d];
        String[] parts = {"q", "k", "v"};
        for (int p = 0; p < 3; p++) {
          System.arraycopy(w.get(l + "attn." + parts[p] + ".weight"), 0, fused, p * d * d, d * d);
          System.arraycopy(w.get(l + "attn." + parts[p] + ".bias"), 0, fusedBias, p * d, d);
        }
        out.put(
            h + "attn.c_attn.weight",
            new FloatTensor(new int[] {d, 3 * d}, transpose(fused, 3 * d, d)));
        out.put(h + "attn.c_attn.bias", new FloatTensor(new int[] {3 * d}, fusedBias));
        conv1dOut(w, l + "attn.o", h + "attn.c_proj", d, d, out);
        normOut(w, l + "mlp_norm", h + "ln_2", d, out);
        conv1dOut(w, l + "mlp.up", h + "mlp.c_fc", d, hid, out);
        conv1dOut(w, l + "mlp.down", h + "mlp.c_proj", hid, d, out);
      }
      normOut(w, "final_norm", "ln_f", d, out);
    } else {
      out.put("model.embed_tokens.weight", tensor(w, "embed.tokens", c.vocabSize(), d));
      for (int i = 0; i < c.layers(); i++) {
        String h = "model.layers." + i + ".";
        String l = "layers." + i + ".";
        out.put(h + "input_layernorm.weight", tensor(w, l + "attn_norm.weight", d));
        out.put(h + "self_attn.q_proj.weight", tensor(w, l + "attn.q.weight", d, d));
        out.put(h + "self_attn.k_proj.weight", tensor(w, l + "attn.k.weight", c.kvDim(), d));
        out.put(h + "self_attn.v_proj.weight", tensor(w, l + "attn.v.weight", c.kvDim(), d));
        out.put(h + "self_attn.o_proj.weight", tensor(w, l + "attn.o.weight", d, d));
        out.put(h + "post_attention_layernorm.weight", tensor(w, l + "mlp_norm.weight", d));
        out.put(h + "mlp.gate_proj.weight", tensor(w, l + "mlp.gate.weight", hid, d));
        out.put(h + "mlp.up_proj.weight", tensor(w, l + "mlp.up.weight", hid, d));
        out.put(h + "mlp.down_proj.weight", tensor(w, l + "mlp.down.weight", d, hid));
      }
      out.put("model.norm.weight", tensor(w, "final_norm.weight", d));
    }
    if (!tied) out.put("lm_head.weight", tensor(w, "lm_head.weight", c.vocabSize(), d));
    return out;
  }

  /** Whether the LM head is the token embedding, bit for bit (then HF ties them). */
  static boolean headIsTied(ModelWeights w) {
    return Arrays.equals(w.get("lm_head.weight"), w.get("embed.tokens"));
  }

  private static FloatTensor head(Source src, boolean tied, FloatTensor embed, ModelConfig c)
      throws HfFormatException {
    if (!tied) return src.take("lm_head.weight", c.vocabSize(), c.dim());
    if (src.has("lm_head.weight")
        && !src.take("lm_head.weight", c.vocabSize(), c.dim()).equals(embed)) {
      throw new HfFormatException(
          "tie_word_embeddings is true but lm_head.weight differs from the token embedding");
    }
    return embed;
  }

  private static void copyNorm(
      Source src, String hf, String ours, int d, SortedMap<String, FloatTensor> out)
      throws HfFormatException {
    out.put(ours + ".weight", src.take(hf + ".weight", d));
    out.put(ours + ".bias", src.take(hf + ".bias", d));
  }

  private static void conv1d(
      Source src, String hf, String ours, int in, int outDim, SortedMap<String, FloatTensor> out)
      throws HfFormatException {
    float[] t = transpose(src.take(hf + ".weight", in, outDim).data(), in, outDim);
    out.put(ours + ".weight", new FloatTensor(new int[] {outDim, in}, t));
    out.put(ours + ".bias", src.take(hf + ".bias", outDim));
  }

  private static void normOut(
      ModelWeights w, String ours, String hf, int d, SortedMap<String, FloatTensor> out) {
    out.put(hf + ".weight", tensor(w, ours + ".weight", d));
    out.put(hf + ".bias", tensor(w, ours + ".bias", d));
  }

  private static void conv1dOut(
      ModelWeights w,
      String ours,
      String hf,
      int in,
      int outDim,
      SortedMap<String, FloatTensor> out) {
    float[] t = transpose(w.get(ours + ".weight"), outDim, in);
    out.put(hf + ".weight", new FloatTensor(new int[] {in, outDim}, t));
    out.put(hf + ".bias", tensor(w, ours + ".bias", outDim));
  }

  private static FloatTensor tensor(ModelWeights w, String name, int... shape) {
    return new FloatTensor(shape, w.get(name));
  }

  /** [rows][cols] to [cols][rows]. */
  static float[] transpose(float[] a, int rows, int cols) {
    float[] t = new float[a.length];
    for (int r = 0; r < rows; r++) for (int k = 0; k < cols; k++) t[k * rows + r] = a[r * cols + k];
    return t;
  }

  /** A checkpoint's tensors, each taken at most once with its shape checked. */
  private static final class Source {
    private final Map<String, FloatTensor> tensors = new TreeMap<>();
    private final Set<String> used = new HashSet<>();

    Source(Map<String, FloatTensor> hf, String optionalPrefix) {
      for (Map.Entry<String, FloatTensor> e : hf.entrySet()) {
        String n = e.getKey();
        tensors.put(
            !optionalPrefix.isEmpty() && n.startsWith(optionalPrefix)
                ? n.substring(optionalPrefix.length())
                : n,
            e.getValue());
      }
    }

    boolean has(String name) {
      return tensors.containsKey(name);
    }

    FloatTensor take(String name, int... shape) throws HfFormatException {
      FloatTensor t = tensors.get(name);
      if (t == null) throw new HfFormatException("the checkpoint has no tensor '" + name + "'");
      if (!Arrays.equals(t.shape(), shape)) {
        throw new HfFormatException(
            "tensor '"
                + name
                + "' has shape "
                + Arrays.toString(t.shape())
                + ", config.json needs "
                + Arrays.toString(shape));
      }
      used.add(name);
      return t;
    }

    /** The first rows of a [n >= rows][cols] table (positions beyond a capped length dropped). */
    FloatTensor takeRows(String name, int rows, int cols) throws HfFormatException {
      FloatTensor t = tensors.get(name);
      if (t != null && t.rank() == 2 && t.dim(0) > rows && t.dim(1) == cols) {
        used.add(name);
        return new FloatTensor(new int[] {rows, cols}, Arrays.copyOf(t.data(), rows * cols));
      }
      return take(name, rows, cols);
    }

    void checkAllUsed() throws HfFormatException {
      for (String name : tensors.keySet()) {
        if (!used.contains(name) && !IGNORED.matcher(name).matches()) {
          throw new HfFormatException(
              "unexpected tensor '"
                  + name
                  + "' for this config.json (wrong family or layer count?)");
        }
      }
    }
  }
}
