package io.levity.ai.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.ai.model.ModelConfig;
import io.levity.ai.model.ModelWeights;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The canonical JSON round-trips and pins the hash, every field changes it, absurd values are
 * refused by name, and the schedule warms up then decays to zero.
 */
class TrainConfigTest {
  static final ModelConfig LLAMA = ModelConfig.llama(512, 192, 4, 6, 2, 512, 128);
  static final TrainConfig BASE =
      new TrainConfig(LLAMA, 128, 8, 3e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 10, 300, 42);

  @Test
  void theCanonicalJsonRoundTripsAndIsStable() {
    String json = BASE.toJson();
    assertThat(json)
        .startsWith("{\"version\":1,\"model\":{\"vocabSize\":512,\"dim\":192,")
        .contains("\"norm\":\"RMS\"", "\"lr\":3.0E-4", "\"seed\":42")
        .doesNotContain(" ");
    assertThat(TrainConfig.fromJson(json)).isEqualTo(BASE);
    assertThat(TrainConfig.fromJson(json).hash()).isEqualTo(BASE.hash());
    // Key order in the input does not matter; the canonical form is rebuilt.
    String reordered = "{\"seed\":42," + json.substring(1).replace(",\"seed\":42", "");
    assertThat(TrainConfig.fromJson(reordered).toJson()).isEqualTo(json);
  }

  @Test
  void everyFieldChangesTheHash() {
    List<TrainConfig> variants =
        List.of(
            new TrainConfig(
                ModelConfig.llama(512, 192, 4, 6, 3, 512, 128),
                128,
                8,
                3e-4f,
                0.9f,
                0.95f,
                1e-8f,
                0.1f,
                1f,
                10,
                300,
                42),
            new TrainConfig(LLAMA, 127, 8, 3e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 10, 300, 42),
            new TrainConfig(LLAMA, 128, 7, 3e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 10, 300, 42),
            new TrainConfig(
                LLAMA, 128, 8, Math.nextUp(3e-4f), 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 10, 300, 42),
            new TrainConfig(LLAMA, 128, 8, 3e-4f, 0.8f, 0.95f, 1e-8f, 0.1f, 1f, 10, 300, 42),
            new TrainConfig(LLAMA, 128, 8, 3e-4f, 0.9f, 0.99f, 1e-8f, 0.1f, 1f, 10, 300, 42),
            new TrainConfig(LLAMA, 128, 8, 3e-4f, 0.9f, 0.95f, 1e-6f, 0.1f, 1f, 10, 300, 42),
            new TrainConfig(LLAMA, 128, 8, 3e-4f, 0.9f, 0.95f, 1e-8f, 0f, 1f, 10, 300, 42),
            new TrainConfig(LLAMA, 128, 8, 3e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 2f, 10, 300, 42),
            new TrainConfig(LLAMA, 128, 8, 3e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 11, 300, 42),
            new TrainConfig(LLAMA, 128, 8, 3e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 10, 301, 42),
            new TrainConfig(LLAMA, 128, 8, 3e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 10, 300, 43));
    for (TrainConfig v : variants) {
      assertThat(v.hash()).as(v.toJson()).isNotEqualTo(BASE.hash());
      assertThat(TrainConfig.fromJson(v.toJson())).isEqualTo(v);
    }
    assertThat(variants.stream().map(TrainConfig::hash).distinct()).hasSize(variants.size());
  }

  @Test
  void absurdValuesAreRefusedByName() {
    assertThatThrownBy(
            () -> new TrainConfig(LLAMA, 129, 8, 3e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 10, 300, 42))
        .hasMessageContaining("seqLen is 129");
    assertThatThrownBy(
            () -> new TrainConfig(LLAMA, 128, 0, 3e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 10, 300, 42))
        .hasMessageContaining("batchSize is 0");
    assertThatThrownBy(
            () ->
                new TrainConfig(
                    LLAMA, 128, 8, Float.NaN, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 10, 300, 42))
        .hasMessageContaining("lr is NaN");
    assertThatThrownBy(
            () -> new TrainConfig(LLAMA, 128, 8, 3e-4f, 1f, 0.95f, 1e-8f, 0.1f, 1f, 10, 300, 42))
        .hasMessageContaining("beta1 is 1.0");
    assertThatThrownBy(
            () -> new TrainConfig(LLAMA, 128, 8, 3e-4f, 0.9f, 0.95f, 0f, 0.1f, 1f, 10, 300, 42))
        .hasMessageContaining("eps is 0.0");
    assertThatThrownBy(
            () -> new TrainConfig(LLAMA, 128, 8, 3e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 0f, 10, 300, 42))
        .hasMessageContaining("clipNorm is 0.0");
    assertThatThrownBy(
            () -> new TrainConfig(LLAMA, 128, 8, 3e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 301, 300, 42))
        .hasMessageContaining("warmupSteps is 301");
    assertThatThrownBy(
            () ->
                new TrainConfig(
                    LLAMA, 128, 60_000, 3e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 10, 300, 42))
        .hasMessageContaining("too large for this model's activations");
    ModelConfig huge = ModelConfig.llama(1 << 20, 1 << 14, 64, 128, 8, 1 << 16, 4096);
    assertThatThrownBy(
            () -> new TrainConfig(huge, 8, 1, 3e-4f, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 10, 300, 42))
        .hasMessageContaining("parameters, more than");
    String json = BASE.toJson();
    assertThatThrownBy(
            () -> TrainConfig.fromJson(json.replace("\"seed\":42", "\"seed\":42,\"extra\":1")))
        .hasMessageContaining("unknown key extra");
    assertThatThrownBy(() -> TrainConfig.fromJson(json.replace(",\"seed\":42", "")))
        .hasMessageContaining("seed is missing");
    assertThatThrownBy(() -> TrainConfig.fromJson(json.replace("\"dim\":192", "\"dim\":\"192\"")))
        .hasMessageContaining("model.dim is \"192\"");
    assertThatThrownBy(() -> TrainConfig.fromJson(json.replace("\"version\":1", "\"version\":2")))
        .hasMessageContaining("version 2");
    assertThatThrownBy(() -> TrainConfig.fromJson("{\"seed\":1,\"seed\":2}"))
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void theParameterCountMatchesTheWeightShapes() {
    for (ModelConfig m :
        List.of(LLAMA, ModelConfig.gpt2(97, 24, 3, 4, 16), BackpropTest.configs().get(2))) {
      long total = 0;
      for (int[] shape : ModelWeights.expectedShapes(m).values()) {
        long n = 1;
        for (int d : shape) n *= d;
        total += n;
      }
      assertThat(TrainConfig.parameterCount(m)).isEqualTo(total);
    }
  }

  @Test
  void theScheduleWarmsUpThenDecaysToZero() {
    assertThat(BASE.learningRate(0)).isEqualTo((float) (3e-4f * 1 / 10.0));
    assertThat(BASE.learningRate(9)).isEqualTo(3e-4f);
    assertThat(BASE.learningRate(10)).isEqualTo(3e-4f);
    assertThat(BASE.learningRate(155)).isBetween(1.49e-4f, 1.51e-4f);
    assertThat(BASE.learningRate(299)).isLessThan(1e-7f).isPositive();
    for (int s = 11; s < 300; s++)
      assertThat(BASE.learningRate(s)).isLessThanOrEqualTo(BASE.learningRate(s - 1));
    assertThatThrownBy(() -> BASE.learningRate(300)).hasMessageContaining("outside the schedule");
    assertThatThrownBy(() -> BASE.learningRate(-1)).hasMessageContaining("outside the schedule");
  }
}
