package io.levity.ai.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.ai.model.ModelConfig;
import io.levity.ai.model.ModelWeights;
import io.levity.ai.safetensors.SafetensorsFile;
import io.levity.ai.safetensors.SafetensorsReader;
import io.levity.ai.safetensors.SafetensorsWriter;
import io.levity.ai.tensor.FloatTensor;
import io.levity.ai.tensor.Kernels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints are byte-stable and round-trip; a flipped float is named by firstDifference; a
 * checkpoint of another config, a truncated or malformed file, and a missing, extra or misshapen
 * tensor are refused with a message saying which.
 */
class TrainStateTest {
  static final TrainConfig CONFIG =
      new TrainConfig(
          ModelConfig.llama(29, 16, 1, 2, 1, 24, 8),
          6,
          2,
          1e-3f,
          0.9f,
          0.95f,
          1e-8f,
          0.1f,
          1f,
          1,
          5,
          11);
  static TrainState trained;
  static byte[] bytes;

  @TempDir Path dir;

  @BeforeAll
  static void train() {
    int[] tokens = new int[64];
    for (int i = 0; i < tokens.length; i++) tokens[i] = (i * 5) % 29;
    try (Kernels k = Kernels.scalar(1)) {
      Trainer trainer = new Trainer(CONFIG, tokens, TrainerTest.DATASET, k);
      trained = trainer.run(trainer.init(), 2, StepListener.NONE);
    }
    bytes = trained.toBytes();
  }

  @Test
  void theSameStateGivesTheSameBytesAndRoundTrips() throws Exception {
    assertThat(trained.toBytes()).isEqualTo(bytes);
    assertThat(trained.copy().toBytes()).isEqualTo(bytes);
    TrainState loaded = TrainState.fromBytes(bytes, CONFIG);
    assertThat(loaded.step()).isEqualTo(2);
    assertThat(loaded.toBytes()).isEqualTo(bytes);
    assertThat(loaded.firstDifference(trained)).isEmpty();
    Path file = dir.resolve("state.safetensors");
    trained.save(file);
    assertThat(TrainState.load(file, CONFIG).hash()).isEqualTo(trained.hash());
    SafetensorsFile parsed = SafetensorsReader.read(bytes);
    assertThat(parsed.metadata())
        .containsEntry("format", TrainState.FORMAT)
        .containsEntry("step", "2")
        .containsEntry("config_hash", CONFIG.hash().toHex())
        .containsEntry("config", CONFIG.toJson());
    assertThat(parsed.tensors()).hasSize(3 * ModelWeights.expectedShapes(CONFIG.model()).size());
  }

  @Test
  void aFlippedFloatIsNamedByFirstDifference() throws Exception {
    for (String tensor :
        new String[] {
          "adam.v.lm_head.weight", "model.layers.0.attn.q.weight", "adam.m.embed.tokens"
        }) {
      byte[] tampered = bytes.clone();
      int at = dataOffset(tampered, tensor) + 4 * 7;
      tampered[at] ^= 1;
      TrainState loaded = TrainState.fromBytes(tampered, CONFIG);
      Optional<TensorDifference> diff = trained.firstDifference(loaded);
      assertThat(diff).isPresent();
      assertThat(diff.get().tensor()).isEqualTo(tensor);
      assertThat(diff.get().index()).isEqualTo(7);
      float original = ByteBuffer.wrap(bytes, at, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
      assertThat(diff.get().thisValue()).isEqualTo(original);
      assertThat(diff.get().otherValue()).isNotEqualTo(original);
    }
  }

  /** Where a tensor's bytes start in a checkpoint, from its header. */
  static int dataOffset(byte[] file, String tensor) throws Exception {
    int headerLength = (int) ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    JsonNode header =
        new ObjectMapper().readTree(new String(file, 8, headerLength, StandardCharsets.UTF_8));
    return 8 + headerLength + header.get(tensor).get("data_offsets").get(0).intValue();
  }

  @Test
  void aCheckpointOfAnotherConfigIsRefused() {
    TrainConfig other =
        new TrainConfig(CONFIG.model(), 6, 2, 2e-3f, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 1, 5, 11);
    assertThatThrownBy(() -> TrainState.fromBytes(bytes, other))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("belongs to training config " + CONFIG.hash().toHex())
        .hasMessageContaining(other.hash().toHex());
  }

  @Test
  void truncatedAndMalformedFilesAreRefused() {
    assertThatThrownBy(() -> TrainState.fromBytes(Arrays.copyOf(bytes, bytes.length - 3), CONFIG))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("not a valid safetensors file");
    assertThatThrownBy(() -> TrainState.fromBytes(new byte[5], CONFIG))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("shorter than the 8-byte header");
    byte[] garbage = bytes.clone();
    garbage[8] = '!';
    assertThatThrownBy(() -> TrainState.fromBytes(garbage, CONFIG))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void missingExtraAndMisshapenTensorsAndBadMetadataAreRefused() throws Exception {
    SafetensorsFile good = SafetensorsReader.read(bytes);
    TreeMap<String, FloatTensor> missing = new TreeMap<>(good.tensors());
    missing.remove("adam.m.final_norm.weight");
    assertRefused(missing, good.metadata(), "no tensor 'adam.m.final_norm.weight'");
    TreeMap<String, FloatTensor> extra = new TreeMap<>(good.tensors());
    extra.put("model.layers.1.attn.q.weight", FloatTensor.zeros(16, 16));
    assertRefused(extra, good.metadata(), "unexpected tensor 'model.layers.1.attn.q.weight'");
    TreeMap<String, FloatTensor> misshapen = new TreeMap<>(good.tensors());
    misshapen.put("model.final_norm.weight", FloatTensor.zeros(17));
    assertRefused(misshapen, good.metadata(), "'model.final_norm.weight' has shape [17]");
    Map<String, String> meta = new HashMap<>(good.metadata());
    meta.put("step", "6");
    assertRefused(good.tensors(), meta, "step 6 is outside [0, 5]");
    meta.put("step", "-0");
    assertRefused(good.tensors(), meta, "step -0 is outside");
    meta.put("step", "two");
    assertRefused(good.tensors(), meta, "step 'two' is not a number");
    meta = new HashMap<>(good.metadata());
    meta.put("format", "something-else");
    assertRefused(good.tensors(), meta, "format is something-else");
  }

  static void assertRefused(
      Map<String, FloatTensor> tensors, Map<String, String> metadata, String message) {
    byte[] file = SafetensorsWriter.toBytes(new SafetensorsFile(new TreeMap<>(tensors), metadata));
    assertThatThrownBy(() -> TrainState.fromBytes(file, CONFIG))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(message);
  }
}
