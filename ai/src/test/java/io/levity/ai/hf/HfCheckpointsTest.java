package io.levity.ai.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.ai.model.ModelConfig;
import io.levity.ai.model.ModelWeights;
import io.levity.ai.model.Transformer;
import io.levity.ai.safetensors.SafetensorsFile;
import io.levity.ai.safetensors.SafetensorsReader;
import io.levity.ai.safetensors.SafetensorsWriter;
import io.levity.ai.tensor.FloatTensor;
import io.levity.ai.tensor.Kernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hugging Face folders in and out: bit-exact round trips for both families, shards, tied heads,
 * hand-built HF checkpoints against an independent reference, and a clear error for each kind of
 * bad input.
 */
class HfCheckpointsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  static List<ModelConfig> configs() {
    return List.of(
        new ModelConfig(
            61,
            24,
            2,
            3,
            3,
            40,
            16,
            ModelConfig.Norm.LAYER,
            ModelConfig.Positions.LEARNED,
            ModelConfig.Mlp.GELU,
            true,
            1e-5f,
            10000f),
        new ModelConfig(
            61,
            32,
            2,
            4,
            2,
            37,
            16,
            ModelConfig.Norm.RMS,
            ModelConfig.Positions.ROTARY,
            ModelConfig.Mlp.SWIGLU,
            false,
            1e-6f,
            500000f));
  }

  @ParameterizedTest
  @MethodSource("configs")
  void exportThenImportGivesTheSameBits(ModelConfig config) throws Exception {
    ModelWeights w = ModelWeights.random(config, 3);
    HfCheckpoints.write(w, Optional.empty(), dir);
    ModelWeights back = HfCheckpoints.read(dir);
    assertThat(back.config()).isEqualTo(config);
    assertSameBits(back, w);
    assertThat(SafetensorsReader.read(dir.resolve("model.safetensors")).tensors())
        .containsKey("lm_head.weight");
  }

  @ParameterizedTest
  @MethodSource("configs")
  void aTiedHeadIsLeftOutAndComesBack(ModelConfig config) throws Exception {
    ModelWeights tied = ModelWeights.random(config, 4).withTiedHead();
    assertThat(tied.get("lm_head.weight")).isSameAs(tied.get("embed.tokens"));
    HfCheckpoints.write(tied, Optional.empty(), dir);
    assertThat(SafetensorsReader.read(dir.resolve("model.safetensors")).tensors())
        .doesNotContainKey("lm_head.weight");
    assertThat(
            JSON.readTree(dir.resolve("config.json").toFile())
                .get("tie_word_embeddings")
                .asBoolean())
        .isTrue();
    assertSameBits(HfCheckpoints.read(dir), tied);
  }

  @Test
  void shardsAreReadThroughTheIndexAndCheckedAgainstIt() throws Exception {
    ModelWeights w = ModelWeights.random(configs().get(1), 5);
    HfCheckpoints.write(w, Optional.empty(), dir);
    Path single = dir.resolve("model.safetensors");
    SortedMap<String, FloatTensor> all = SafetensorsReader.read(single).tensors();
    Files.delete(single);
    SortedMap<String, FloatTensor> a = new TreeMap<>();
    SortedMap<String, FloatTensor> b = new TreeMap<>();
    ObjectNode map = JSON.createObjectNode();
    for (Map.Entry<String, FloatTensor> e : all.entrySet()) {
      boolean first = e.getKey().contains("layers.0.") || e.getKey().startsWith("lm_head");
      (first ? a : b).put(e.getKey(), e.getValue());
      map.put(
          e.getKey(),
          first ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors");
    }
    SafetensorsWriter.write(
        dir.resolve("model-00001-of-00002.safetensors"), new SafetensorsFile(a, Map.of()));
    SafetensorsWriter.write(
        dir.resolve("model-00002-of-00002.safetensors"), new SafetensorsFile(b, Map.of()));
    ObjectNode index = JSON.createObjectNode();
    index.putObject("metadata");
    index.set("weight_map", map);
    Files.writeString(dir.resolve("model.safetensors.index.json"), index.toString());
    assertSameBits(HfCheckpoints.read(dir), w);

    map.put("model.norm.weight", "model-00001-of-00002.safetensors");
    Files.writeString(dir.resolve("model.safetensors.index.json"), index.toString());
    assertThatThrownBy(() -> HfCheckpoints.read(dir))
        .isInstanceOf(HfFormatException.class)
        .hasMessageContaining("model.norm.weight");
    map.put("model.norm.weight", "../outside.safetensors");
    Files.writeString(dir.resolve("model.safetensors.index.json"), index.toString());
    assertThatThrownBy(() -> HfCheckpoints.read(dir)).hasMessageContaining("not a file name");
    map.put("model.norm.weight", "model-00003-of-00002.safetensors");
    Files.writeString(dir.resolve("model.safetensors.index.json"), index.toString());
    assertThatThrownBy(() -> HfCheckpoints.read(dir)).hasMessageContaining("missing");
  }

  @ParameterizedTest
  @MethodSource("references")
  void aHandBuiltCheckpointGivesTheReferenceLogits(HfReference.Shape s) throws Exception {
    SortedMap<String, FloatTensor> hf = HfFixtures.tensors(s, 9);
    Files.writeString(dir.resolve("config.json"), HfFixtures.config(s).toString());
    SafetensorsWriter.write(dir.resolve("model.safetensors"), new SafetensorsFile(hf, Map.of()));
    int[] tokens = {3, 0, 40, 17, 17, 8};
    Map<String, float[]> raw = new HashMap<>();
    hf.forEach((k, v) -> raw.put(k, v.data()));
    double[] expected = HfReference.logits(s, raw, tokens);
    try (Kernels k = Kernels.best(1)) {
      Transformer model = new Transformer(HfCheckpoints.read(dir), k);
      float[] actual = model.forward(tokens, model.newCache());
      assertThat(actual).hasSize(expected.length);
      for (int i = 0; i < actual.length; i++) {
        assertThat((double) actual[i])
            .as("logit %d", i)
            .isCloseTo(expected[i], offset(2e-5 + 2e-5 * Math.abs(expected[i])));
      }
    }
  }

  static List<HfReference.Shape> references() {
    return List.of(
        new HfReference.Shape(true, 45, 8, 2, 2, 2, 1e-5, 10000),
        // Head size 8: "rotate half" pairs 0-4, 1-5..., interleaved would pair 0-1, 2-3.
        new HfReference.Shape(false, 45, 16, 2, 2, 1, 1e-6, 10000));
  }

  static void assertSameBits(ModelWeights actual, ModelWeights expected) {
    SortedMap<String, FloatTensor> a = actual.toSafetensors().tensors();
    SortedMap<String, FloatTensor> e = expected.toSafetensors().tensors();
    assertThat(a.keySet()).isEqualTo(e.keySet());
    for (String name : e.keySet()) {
      assertThat(a.get(name).shape()).as(name).isEqualTo(e.get(name).shape());
      assertThat(bits(a.get(name).data())).as(name).isEqualTo(bits(e.get(name).data()));
    }
  }

  static int[] bits(float[] f) {
    int[] b = new int[f.length];
    for (int i = 0; i < f.length; i++) b[i] = Float.floatToRawIntBits(f[i]);
    return b;
  }
}
