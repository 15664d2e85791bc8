package io.levity.ai.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.levity.ai.safetensors.SafetensorsException;
import io.levity.ai.safetensors.SafetensorsWriter;
import io.levity.ai.tensor.Kernels;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Logits are the same bits on every path and thread count, decoding with the KV cache equals a full
 * recompute, weights survive safetensors, and a tiny model matches an independent reference.
 */
class TransformerTest {
  @TempDir Path dir;

  static List<ModelConfig> configs() {
    return List.of(
        ModelConfig.gpt2(61, 24, 2, 3, 16),
        // Grouped-query attention: 4 query heads share 2 key/value heads; odd hidden width for
        // tails.
        ModelConfig.llama(61, 32, 2, 4, 2, 37, 16));
  }

  static final int[] PROMPT = {5, 0, 60, 17, 17, 3, 42};

  static String sha256(float[] logits) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(4 * logits.length);
    for (float f : logits) b.putInt(Float.floatToRawIntBits(f));
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
  }

  static float[] run(ModelConfig config, Kernels kernels) {
    Transformer model = new Transformer(ModelWeights.random(config, 7), kernels);
    return model.forward(PROMPT, model.newCache());
  }

  @ParameterizedTest
  @MethodSource("configs")
  void logitsAreTheSameBitsOnEveryPathAndThreadCount(ModelConfig config) throws Exception {
    String reference;
    try (Kernels k = Kernels.scalar(1)) {
      reference = sha256(run(config, k));
    }
    for (Kernels k :
        List.of(Kernels.simd(1), Kernels.simd(2), Kernels.scalar(2), Kernels.simd(3))) {
      try (k) {
        assertThat(sha256(run(config, k)))
            .as((k.isSimd() ? "SIMD" : "scalar") + " on " + k.threads() + " threads")
            .isEqualTo(reference);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("configs")
  void decodingWithTheCacheEqualsAFullRecompute(ModelConfig config) {
    try (Kernels k = Kernels.of(Kernels.SIMD_AVAILABLE, 2, 0)) {
      Transformer model = new Transformer(ModelWeights.random(config, 11), k);
      float[] full = model.forward(PROMPT, model.newCache());
      KvCache cache = model.newCache();
      float[] prefix = model.forward(Arrays.copyOf(PROMPT, 3), cache);
      int v = config.vocabSize();
      assertThat(prefix).isEqualTo(Arrays.copyOf(full, 3 * v));
      for (int t = 3; t < PROMPT.length; t++) {
        float[] step = model.forward(new int[] {PROMPT[t]}, cache);
        assertThat(bits(step))
            .as("position " + t)
            .isEqualTo(bits(Arrays.copyOfRange(full, t * v, (t + 1) * v)));
      }
      assertThat(cache.length()).isEqualTo(PROMPT.length);
      assertThatThrownBy(() -> model.forward(new int[config.maxSeq()], cache))
          .hasMessageContaining("maximum is " + config.maxSeq());
    }
  }

  static int[] bits(float[] a) {
    int[] b = new int[a.length];
    for (int i = 0; i < a.length; i++) b[i] = Float.floatToRawIntBits(a[i]);
    return b;
  }

  @ParameterizedTest
  @MethodSource("configs")
  void weightsRoundTripThroughSafetensors(ModelConfig config) throws Exception {
    ModelWeights weights = ModelWeights.random(config, 3);
    Path file = dir.resolve("model.safetensors");
    SafetensorsWriter.write(file, weights.toSafetensors());
    try (Kernels k = Kernels.best(1)) {
      Transformer loaded = Transformer.load(config, file, k);
      Transformer original = new Transformer(weights, k);
      assertThat(sha256(loaded.forward(PROMPT, loaded.newCache())))
          .isEqualTo(sha256(original.forward(PROMPT, original.newCache())));
      ModelConfig wider = ModelConfig.gpt2(61, 48, 2, 3, 16);
      assertThatThrownBy(() -> Transformer.load(wider, file, k))
          .isInstanceOf(SafetensorsException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("tinyConfigs")
  void aTinyModelMatchesAnIndependentDoublePrecisionReference(ModelConfig config) {
    ModelWeights weights = ModelWeights.random(config, 5);
    int[] tokens = {1, 4, 2};
    double[] expected = ReferenceModel.logits(weights, tokens);
    try (Kernels k = Kernels.best(1)) {
      Transformer model = new Transformer(weights, k);
      float[] actual = model.forward(tokens, model.newCache());
      assertThat(actual).hasSize(expected.length);
      for (int i = 0; i < actual.length; i++) {
        assertThat((double) actual[i]).as("logit " + i).isCloseTo(expected[i], within(2e-5));
      }
    }
  }

  static List<ModelConfig> tinyConfigs() {
    // One layer, dimension 4, two heads of 2 (Llama: one shared key/value head); then one head of
    // 4,
    // where the rotary pairing (i with i + 2, not i with i + 1) matters, and a second layer.
    return List.of(
        ModelConfig.gpt2(5, 4, 1, 2, 4),
        ModelConfig.llama(5, 4, 1, 2, 1, 6, 4),
        ModelConfig.llama(5, 4, 1, 1, 1, 6, 4),
        ModelConfig.llama(7, 8, 2, 2, 1, 10, 4));
  }
}
