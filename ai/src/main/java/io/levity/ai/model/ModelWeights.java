package io.levity.ai.model;

import io.levity.ai.safetensors.SafetensorsException;
import io.levity.ai.safetensors.SafetensorsFile;
import io.levity.ai.tensor.FloatTensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The weights of a model by name, checked against its config: exactly the names of {@link
 * #expectedShapes}, each with its shape (docs/ai.md, Weight names). Matrices are [out][in].
 */
public final class ModelWeights {
  private final ModelConfig config;
  private final SortedMap<String, FloatTensor> tensors;

  private ModelWeights(ModelConfig config, SortedMap<String, FloatTensor> tensors) {
    this.config = config;
    this.tensors = Collections.unmodifiableSortedMap(tensors);
  }

  /** Every weight the config needs, by name, with its shape. */
  public static SortedMap<String, int[]> expectedShapes(ModelConfig c) {
    SortedMap<String, int[]> s = new TreeMap<>();
    s.put("embed.tokens", new int[] {c.vocabSize(), c.dim()});
    if (c.positions() == ModelConfig.Positions.LEARNED)
      s.put("embed.positions", new int[] {c.maxSeq(), c.dim()});
    for (int i = 0; i < c.layers(); i++) {
      String l = "layers." + i + ".";
      norm(s, c, l + "attn_norm");
      linear(s, c, l + "attn.q", c.dim(), c.dim());
      linear(s, c, l + "attn.k", c.kvDim(), c.dim());
      linear(s, c, l + "attn.v", c.kvDim(), c.dim());
      linear(s, c, l + "attn.o", c.dim(), c.dim());
      norm(s, c, l + "mlp_norm");
      if (c.mlp() == ModelConfig.Mlp.SWIGLU) linear(s, c, l + "mlp.gate", c.hiddenDim(), c.dim());
      linear(s, c, l + "mlp.up", c.hiddenDim(), c.dim());
      linear(s, c, l + "mlp.down", c.dim(), c.hiddenDim());
    }
    norm(s, c, "final_norm");
    s.put("lm_head.weight", new int[] {c.vocabSize(), c.dim()});
    return s;
  }

  private static void norm(SortedMap<String, int[]> s, ModelConfig c, String name) {
    s.put(name + ".weight", new int[] {c.dim()});
    if (c.norm() == ModelConfig.Norm.LAYER) s.put(name + ".bias", new int[] {c.dim()});
  }

  private static void linear(
      SortedMap<String, int[]> s, ModelConfig c, String name, int out, int in) {
    s.put(name + ".weight", new int[] {out, in});
    if (c.bias()) s.put(name + ".bias", new int[] {out});
  }

  /** The weights of a safetensors file; throws naming the first missing, extra or misshapen one. */
  public static ModelWeights from(ModelConfig config, SafetensorsFile file)
      throws SafetensorsException {
    SortedMap<String, int[]> expected = expectedShapes(config);
    for (String name : file.tensors().keySet()) {
      if (!expected.containsKey(name))
        throw new SafetensorsException("unexpected tensor '" + name + "' for this config");
    }
    SortedMap<String, FloatTensor> tensors = new TreeMap<>();
    for (Map.Entry<String, int[]> e : expected.entrySet()) {
      FloatTensor t = file.tensor(e.getKey());
      if (!Arrays.equals(t.shape(), e.getValue())) {
        throw new SafetensorsException(
            "tensor '"
                + e.getKey()
                + "' has shape "
                + Arrays.toString(t.shape())
                + ", the config needs "
                + Arrays.toString(e.getValue()));
      }
      tensors.put(e.getKey(), t);
    }
    return new ModelWeights(config, tensors);
  }

  /**
   * Seeded random weights for tests and benchmarks: matrices uniform in +-1/sqrt(in), norm gains 1
   * + small noise, biases small; the same seed always gives the same bits.
   */
  public static ModelWeights random(ModelConfig config, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    SortedMap<String, FloatTensor> tensors = new TreeMap<>();
    for (Map.Entry<String, int[]> e : expectedShapes(config).entrySet()) {
      int[] shape = e.getValue();
      float[] data = new float[(int) FloatTensor.elementCount(shape)];
      String name = e.getKey();
      boolean gain = name.endsWith("norm.weight");
      double scale = shape.length == 2 ? 1 / Math.sqrt(shape[1]) : 0.1;
      for (int i = 0; i < data.length; i++) {
        float noise = (float) ((random.nextDouble() * 2 - 1) * scale);
        data[i] = gain ? 1f + noise : noise;
      }
      tensors.put(name, new FloatTensor(shape, data));
    }
    return new ModelWeights(config, tensors);
  }

  /**
   * These weights with the LM head tied to the token embedding (the same array), as GPT-2 and small
   * Llamas ship.
   */
  public ModelWeights withTiedHead() {
    SortedMap<String, FloatTensor> t = new TreeMap<>(tensors);
    t.put("lm_head.weight", tensors.get("embed.tokens"));
    return new ModelWeights(config, t);
  }

  public ModelConfig config() {
    return config;
  }

  /** The values of a weight by name (shared, not copied). */
  public float[] get(String name) {
    FloatTensor t = tensors.get(name);
    if (t == null) throw new IllegalArgumentException("no weight named '" + name + "'");
    return t.data();
  }

  /** The weights as a safetensors file (config in no metadata: the caller keeps it). */
  public SafetensorsFile toSafetensors() {
    return new SafetensorsFile(tensors, Map.of());
  }
}
