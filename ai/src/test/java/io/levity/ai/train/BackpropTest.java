package io.levity.ai.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.levity.ai.model.KvCache;
import io.levity.ai.model.ModelConfig;
import io.levity.ai.model.ModelWeights;
import io.levity.ai.model.ReferenceModel;
import io.levity.ai.model.Transformer;
import io.levity.ai.tensor.Kernels;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The training forward pass gives the inference model's logits bit for bit, and every gradient
 * matches central finite differences of the loss computed by an independent double-precision
 * reference ({@link ReferenceModel}).
 */
class BackpropTest {
  static final int BATCH = 2;
  static final int SEQ = 5;

  static List<ModelConfig> configs() {
    return List.of(
        // GPT-2 style: LayerNorm with bias, learned positions, GELU, biases, two heads.
        ModelConfig.gpt2(11, 8, 2, 2, 8),
        // Llama style: RMSNorm, rotary, SwiGLU, 4 query heads over 2 key/value heads.
        ModelConfig.llama(11, 8, 2, 4, 2, 12, 8),
        // Multi-head Llama with biases and an odd hidden width.
        new ModelConfig(
            13,
            12,
            1,
            3,
            3,
            7,
            8,
            ModelConfig.Norm.RMS,
            ModelConfig.Positions.ROTARY,
            ModelConfig.Mlp.SWIGLU,
            true,
            1e-5f,
            10000f));
  }

  static final int[] INPUTS = {3, 0, 10, 7, 7, 1, 2, 9, 4, 3};
  static final int[] TARGETS = {0, 10, 7, 7, 5, 2, 9, 4, 3, 8};

  static SortedMap<String, float[]> weights(ModelConfig c) {
    ModelWeights random = ModelWeights.random(c, 42);
    SortedMap<String, float[]> w = new TreeMap<>();
    for (String name : ModelWeights.expectedShapes(c).keySet()) w.put(name, random.get(name));
    return w;
  }

  @ParameterizedTest
  @MethodSource("configs")
  void theForwardPassGivesTheInferenceModelsBits(ModelConfig c) {
    try (Kernels k = Kernels.of(true, 2, 0)) {
      SortedMap<String, float[]> w = weights(c);
      float[] logits = new Backprop(c, BATCH, SEQ, k).forward(w, INPUTS).logits;
      Transformer model = new Transformer(ModelWeights.random(c, 42), k);
      for (int b = 0; b < BATCH; b++) {
        int[] sequence = Arrays.copyOfRange(INPUTS, b * SEQ, (b + 1) * SEQ);
        KvCache cache = model.newCache();
        float[] expected = model.forward(sequence, cache);
        float[] actual =
            Arrays.copyOfRange(logits, b * SEQ * c.vocabSize(), (b + 1) * SEQ * c.vocabSize());
        assertThat(bits(actual)).as("sequence " + b).isEqualTo(bits(expected));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("configs")
  void everyGradientMatchesFiniteDifferencesOfTheReference(ModelConfig c) {
    SortedMap<String, float[]> w = weights(c);
    // The same values in separate arrays, perturbed one element at a time for the reference.
    ModelWeights view = ModelWeights.random(c, 42);
    SortedMap<String, float[]> grads = new TreeMap<>();
    float loss;
    try (Kernels k = Kernels.scalar(1)) {
      loss = new Backprop(c, BATCH, SEQ, k).lossAndGradients(w, INPUTS, TARGETS, grads);
    }
    assertThat(grads.keySet()).isEqualTo(ModelWeights.expectedShapes(c).keySet());
    assertThat((double) loss).isCloseTo(referenceLoss(view), within(1e-5));
    for (Map.Entry<String, float[]> e : grads.entrySet()) {
      float[] g = e.getValue();
      float[] param = view.get(e.getKey());
      int largest = 0;
      for (int i = 0; i < g.length; i++) if (Math.abs(g[i]) > Math.abs(g[largest])) largest = i;
      // A key bias adds the same amount to every score of a query, which softmax ignores; rotary
      // positions rotate it by position, so there it matters.
      boolean invariant =
          e.getKey().endsWith("attn.k.bias") && c.positions() == ModelConfig.Positions.LEARNED;
      assertThat(Math.abs(g[largest]))
          .as(e.getKey() + " has a non-zero gradient")
          .isGreaterThan(invariant ? -1f : 1e-4f);
      for (int i : new int[] {largest, g.length / 2, g.length - 1}) {
        double fd = finiteDifference(view, param, i);
        assertThat((double) g[i])
            .as(e.getKey() + "[" + i + "]")
            .isCloseTo(fd, within(1e-3 * Math.abs(fd) + 2e-5));
      }
    }
  }

  /** d loss / d param[i] by a central difference of the double reference loss. */
  static double finiteDifference(ModelWeights view, float[] param, int i) {
    float original = param[i];
    float step = 1e-3f * Math.max(1f, Math.abs(original));
    param[i] = original + step;
    double plusAt = param[i];
    double plus = referenceLoss(view);
    param[i] = original - step;
    double minusAt = param[i];
    double minus = referenceLoss(view);
    param[i] = original;
    return (plus - minus) / (plusAt - minusAt);
  }

  /** The mean next-token cross-entropy of the batch, in double, from the reference logits. */
  static double referenceLoss(ModelWeights w) {
    int vocab = w.config().vocabSize();
    double total = 0;
    for (int b = 0; b < BATCH; b++) {
      double[] logits =
          ReferenceModel.logits(w, Arrays.copyOfRange(INPUTS, b * SEQ, (b + 1) * SEQ));
      for (int t = 0; t < SEQ; t++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) max = Math.max(max, logits[t * vocab + v]);
        double sum = 0;
        for (int v = 0; v < vocab; v++) sum += Math.exp(logits[t * vocab + v] - max);
        total += Math.log(sum) - (logits[t * vocab + TARGETS[b * SEQ + t]] - max);
      }
    }
    return total / (BATCH * SEQ);
  }

  static int[] bits(float[] a) {
    int[] b = new int[a.length];
    for (int i = 0; i < a.length; i++) b[i] = Float.floatToRawIntBits(a[i]);
    return b;
  }
}
