package io.levity.ai.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.ai.model.ModelConfig;
import io.levity.ai.model.ModelWeights;
import io.levity.ai.safetensors.SafetensorsFile;
import io.levity.ai.safetensors.SafetensorsWriter;
import io.levity.ai.tensor.FloatTensor;
import io.levity.ai.tokenizer.BpeTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each malformed or mismatched folder fails with an error naming what is wrong. */
class HfCheckpointsErrorsTest {
  static final HfReference.Shape GPT2 = new HfReference.Shape(true, 45, 8, 2, 2, 2, 1e-5, 10000);
  static final HfReference.Shape LLAMA = new HfReference.Shape(false, 45, 16, 2, 4, 2, 1e-6, 10000);
  @TempDir Path dir;

  void folder(
      HfReference.Shape s,
      Consumer<ObjectNode> editConfig,
      Consumer<SortedMap<String, FloatTensor>> editTensors)
      throws Exception {
    ObjectNode config = HfFixtures.config(s);
    editConfig.accept(config);
    SortedMap<String, FloatTensor> t = HfFixtures.tensors(s, 1);
    editTensors.accept(t);
    Files.writeString(dir.resolve("config.json"), config.toString());
    SafetensorsWriter.write(dir.resolve("model.safetensors"), new SafetensorsFile(t, Map.of()));
  }

  void refused(String message) {
    assertThatThrownBy(() -> HfCheckpoints.read(dir))
        .isInstanceOf(HfFormatException.class)
        .hasMessageContaining(message);
  }

  @Test
  void theConfigFieldsAreMappedWithTheirDefaults() throws Exception {
    folder(LLAMA, c -> c.remove("num_key_value_heads"), t -> {});
    // Without num_key_value_heads every head has its own: the 2-head k/v tensors no longer fit.
    refused("self_attn.k_proj.weight' has shape [8, 16], config.json needs [16, 16]");
    folder(LLAMA, c -> c.put("rope_theta", 500000.0).put("rms_norm_eps", 1e-5), t -> {});
    ModelConfig c = HfCheckpoints.read(dir, 64).config();
    assertThat(c.ropeTheta()).isEqualTo(500000f);
    assertThat(c.normEps()).isEqualTo(1e-5f);
    assertThat(c.kvHeads()).isEqualTo(2);
    assertThat(c.heads()).isEqualTo(4);
    assertThat(c.maxSeq()).isEqualTo(64);
    folder(GPT2, g -> {}, t -> {});
    assertThat(HfCheckpoints.read(dir, 8).get("embed.positions")).hasSize(8 * 8);
  }

  @Test
  void aFolderWithoutItsFilesIsRefused() throws Exception {
    refused("config.json is missing");
    Files.writeString(dir.resolve("config.json"), HfFixtures.config(GPT2).toString());
    refused("neither model.safetensors nor model.safetensors.index.json");
    Files.writeString(dir.resolve("config.json"), "{\"model_type\": ");
    refused("not valid JSON");
  }

  @Test
  void unsupportedArchitecturesAndOptionsAreRefusedNotIgnored() throws Exception {
    folder(GPT2, c -> c.put("model_type", "bert"), t -> {});
    refused("model_type 'bert' is not supported");
    folder(GPT2, c -> c.put("activation_function", "gelu"), t -> {});
    refused("activation_function 'gelu'");
    folder(LLAMA, c -> c.putObject("rope_scaling").put("rope_type", "llama3"), t -> {});
    refused("rope_scaling");
    folder(LLAMA, c -> c.put("attention_bias", true), t -> {});
    refused("attention_bias true");
    folder(LLAMA, c -> c.put("num_attention_heads", 3), t -> {});
    refused("impossible model");
    folder(LLAMA, c -> c.put("hidden_size", -16), t -> {});
    refused("'hidden_size' must be a positive integer");
    folder(LLAMA, c -> c.remove("vocab_size"), t -> {});
    refused("missing 'vocab_size'");
  }

  @Test
  void tensorsThatDoNotMatchTheConfigAreNamed() throws Exception {
    folder(GPT2, c -> c.put("n_embd", 12), t -> {});
    refused("tensor 'wte.weight' has shape [45, 8], config.json needs [45, 12]");
    folder(GPT2, c -> {}, t -> t.remove("h.1.mlp.c_fc.bias"));
    refused("no tensor 'h.1.mlp.c_fc.bias'");
    folder(GPT2, c -> c.put("n_layer", 1), t -> {});
    refused("unexpected tensor 'h.1.");
    folder(
        LLAMA, c -> {}, t -> t.put("model.layers.0.self_attn.q_proj.bias", FloatTensor.zeros(16)));
    refused("unexpected tensor 'model.layers.0.self_attn.q_proj.bias'");
    folder(LLAMA, c -> c.put("tie_word_embeddings", true), t -> {});
    refused("lm_head.weight differs from the token embedding");
    folder(LLAMA, c -> {}, t -> t.remove("lm_head.weight"));
    refused("no tensor 'lm_head.weight'");
  }

  @Test
  void aModelOfNeitherFamilyCannotBeExported() {
    ModelConfig mixed =
        new ModelConfig(
            61,
            24,
            1,
            3,
            3,
            40,
            16,
            ModelConfig.Norm.RMS,
            ModelConfig.Positions.LEARNED,
            ModelConfig.Mlp.GELU,
            false,
            1e-5f,
            10000f);
    assertThatThrownBy(
            () -> HfCheckpoints.write(ModelWeights.random(mixed, 1), Optional.empty(), dir))
        .isInstanceOf(HfFormatException.class)
        .hasMessageContaining("neither GPT-2 shaped");
  }

  @Test
  void theTokenizerIsWrittenAsByteLevelBpe() throws Exception {
    BpeTokenizer tok = BpeTokenizer.train("hello hello hello world world", 262);
    ModelWeights w = ModelWeights.random(ModelConfig.llama(300, 16, 1, 2, 1, 24, 8), 2);
    HfCheckpoints.write(w, Optional.of(tok), dir);
    JsonNode model =
        HfConfigJson.JSON.readTree(dir.resolve("tokenizer.json").toFile()).get("model");
    assertThat(model.get("type").asText()).isEqualTo("BPE");
    assertThat(model.get("vocab").size()).isEqualTo(tok.vocabSize());
    // Byte 'h' stands for itself, the space byte for U+0120 (GPT-2's table), newline for U+010A.
    assertThat(model.get("vocab").get("h").asInt()).isEqualTo('h');
    assertThat(model.get("vocab").get("\u0120").asInt()).isEqualTo(' ');
    assertThat(model.get("vocab").get("\u010A").asInt()).isEqualTo('\n');
    BpeTokenizer.Merge first = tok.merges().get(0);
    String spelled = new String(tok.decodeBytes(new int[] {256}), StandardCharsets.ISO_8859_1);
    assertThat(model.get("merges").get(0).asText())
        .isEqualTo((char) first.left() + " " + (char) first.right());
    assertThat(model.get("vocab").get(spelled).asInt()).isEqualTo(256);

    BpeTokenizer tooBig = BpeTokenizer.train("abcdefabcdef".repeat(40), 320);
    ModelWeights small = ModelWeights.random(ModelConfig.llama(260, 16, 1, 2, 1, 24, 8), 2);
    assertThatThrownBy(() -> HfCheckpoints.write(small, Optional.of(tooBig), dir))
        .hasMessageContaining("more than the model's vocabulary");
    BpeTokenizer twice =
        new BpeTokenizer(
            List.of(
                new BpeTokenizer.Merge('a', 'b'),
                new BpeTokenizer.Merge('b', 'c'),
                new BpeTokenizer.Merge(256, 'c'),
                new BpeTokenizer.Merge('a', 257)));
    assertThatThrownBy(() -> HfCheckpoints.write(w, Optional.of(twice), dir))
        .hasMessageContaining("tokens 258 and 259 have the same bytes");
  }
}
