package io.levity.ai.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.ai.safetensors.SafetensorsException;
import io.levity.ai.safetensors.SafetensorsFile;
import io.levity.ai.safetensors.SafetensorsWriter;
import io.levity.ai.tokenizer.BpeTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {
  @TempDir Path dir;

  private static final ModelConfig LLAMA = ModelConfig.llama(300, 16, 2, 4, 2, 24, 32);

  @Test
  void roundTripsWeightsConfigAndTokenizerByteForByte() throws Exception {
    BpeTokenizer tok = BpeTokenizer.train("the cat sat on the mat; the cat sat.", 270);
    ModelBundle b = new ModelBundle(ModelWeights.random(LLAMA, 7), Optional.of(tok));
    Path f1 = dir.resolve("a.safetensors");
    b.write(f1);
    ModelBundle back = ModelBundle.read(f1);
    assertThat(back.config()).isEqualTo(LLAMA);
    assertThat(back.tokenizer().orElseThrow().merges()).isEqualTo(tok.merges());
    Path f2 = dir.resolve("b.safetensors");
    back.write(f2);
    assertThat(Files.readAllBytes(f2)).isEqualTo(Files.readAllBytes(f1));
  }

  @Test
  void gpt2ConfigRoundTripsWithoutTokenizer() throws Exception {
    ModelConfig gpt2 = ModelConfig.gpt2(64, 16, 1, 2, 8);
    Path f = dir.resolve("g.safetensors");
    new ModelBundle(ModelWeights.random(gpt2, 1), Optional.empty()).write(f);
    ModelBundle back = ModelBundle.read(f);
    assertThat(back.config()).isEqualTo(gpt2);
    assertThat(back.tokenizer()).isEmpty();
  }

  @Test
  void refusesBareSafetensorsAndBrokenMetadata() throws Exception {
    SafetensorsFile bare = ModelWeights.random(LLAMA, 1).toSafetensors();
    Path f = dir.resolve("bare.safetensors");
    SafetensorsWriter.write(f, bare);
    assertThatThrownBy(() -> ModelBundle.read(f))
        .isInstanceOf(SafetensorsException.class)
        .hasMessageContaining("carries no model config");

    String config = ModelBundle.configJson(LLAMA);
    write(f, bare, Map.of(ModelBundle.CONFIG_KEY, config.replace("\"dim\":16", "\"dim\":17")));
    assertThatThrownBy(() -> ModelBundle.read(f))
        .isInstanceOf(SafetensorsException.class)
        .hasMessageContaining("not a multiple of heads");

    write(f, bare, Map.of(ModelBundle.CONFIG_KEY, config.replace("\"dim\":16", "\"dim\":32")));
    assertThatThrownBy(() -> ModelBundle.read(f)).hasMessageContaining("has shape");

    write(f, bare, Map.of(ModelBundle.CONFIG_KEY, "{\"dim\":"));
    assertThatThrownBy(() -> ModelBundle.read(f)).hasMessageContaining("config is not valid");

    write(f, bare, Map.of(ModelBundle.CONFIG_KEY, config, ModelBundle.TOKENIZER_KEY, "97,98 x"));
    assertThatThrownBy(() -> ModelBundle.read(f)).hasMessageContaining("merge 1 is not");

    write(f, bare, Map.of(ModelBundle.CONFIG_KEY, config, ModelBundle.TOKENIZER_KEY, "97,999"));
    assertThatThrownBy(() -> ModelBundle.read(f)).hasMessageContaining("tokenizer is not valid");
  }

  @Test
  void refusesATokenizerLargerThanTheModel() {
    BpeTokenizer big = BpeTokenizer.train("abababab cdcdcdcd efefefef ghghgh", 300);
    ModelConfig small = ModelConfig.llama(257, 16, 1, 4, 2, 24, 8);
    assertThat(big.vocabSize()).isGreaterThan(257);
    assertThatThrownBy(() -> new ModelBundle(ModelWeights.random(small, 1), Optional.of(big)))
        .hasMessageContaining("the model only 257");
  }

  private static void write(Path f, SafetensorsFile w, Map<String, String> meta) throws Exception {
    SafetensorsWriter.write(f, new SafetensorsFile(w.tensors(), meta));
  }
}
