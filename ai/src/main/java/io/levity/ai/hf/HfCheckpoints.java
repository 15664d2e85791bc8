package io.levity.ai.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.ai.model.ModelConfig;
import io.levity.ai.model.ModelWeights;
import io.levity.ai.safetensors.SafetensorsException;
import io.levity.ai.safetensors.SafetensorsFile;
import io.levity.ai.safetensors.SafetensorsReader;
import io.levity.ai.safetensors.SafetensorsWriter;
import io.levity.ai.tensor.FloatTensor;
import io.levity.ai.tokenizer.BpeTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a Hugging Face model folder (GPT-2 or Llama) into {@link ModelWeights}, and writes weights
 * as such a folder. Reading is strict: every tensor of the checkpoint is used (or is a known
 * buffer), every shape matches config.json, and every shard of an index is checked against it.
 */
public final class HfCheckpoints {
  static final String CONFIG = "config.json";
  static final String SINGLE = "model.safetensors";
  static final String INDEX = "model.safetensors.index.json";
  static final String TOKENIZER = "tokenizer.json";

  private HfCheckpoints() {}

  /** The weights of a model folder, at the sequence length config.json declares. */
  public static ModelWeights read(Path dir) throws IOException {
    return read(dir, 0);
  }

  /**
   * The weights of a model folder; maxSeqCap > 0 caps the sequence length (Llama checkpoints often
   * declare far more positions than a KV cache here should hold).
   */
  public static ModelWeights read(Path dir, int maxSeqCap) throws IOException {
    HfConfigJson.Parsed parsed = HfConfigJson.parse(json(dir.resolve(CONFIG)), maxSeqCap);
    SortedMap<String, FloatTensor> ours = HfTensorMap.toOurs(parsed, tensors(dir));
    return ModelWeights.from(parsed.config(), new SafetensorsFile(ours, Map.of()));
  }

  /** The config of a model folder without reading its tensors. */
  public static ModelConfig readConfig(Path dir, int maxSeqCap) throws IOException {
    return HfConfigJson.parse(json(dir.resolve(CONFIG)), maxSeqCap).config();
  }

  /**
   * Writes weights as a Hugging Face folder: config.json, one F32 model.safetensors (the LM head
   * left out and tie_word_embeddings true when it equals the token embedding) and, when a tokenizer
   * is given, its tokenizer.json. Creates dir if needed; overwrites those three files.
   */
  public static void write(ModelWeights w, Optional<BpeTokenizer> tokenizer, Path dir)
      throws IOException {
    HfFamily family = HfFamily.of(w.config());
    if (tokenizer.isPresent() && tokenizer.get().vocabSize() > w.config().vocabSize()) {
      throw new HfFormatException(
          "the tokenizer has "
              + tokenizer.get().vocabSize()
              + " tokens, more than the model's vocabulary of "
              + w.config().vocabSize());
    }
    boolean tied = HfTensorMap.headIsTied(w);
    Files.createDirectories(dir);
    ObjectNode config = HfConfigJson.write(family, w.config(), tied);
    writeJson(dir.resolve(CONFIG), config);
    SafetensorsFile file =
        new SafetensorsFile(HfTensorMap.toHf(family, w, tied), Map.of("format", "pt"));
    SafetensorsWriter.write(dir.resolve(SINGLE), file);
    if (tokenizer.isPresent())
      writeJson(dir.resolve(TOKENIZER), HfTokenizerJson.write(tokenizer.get()));
  }

  private static void writeJson(Path file, JsonNode node) throws IOException {
    Files.writeString(
        file,
        HfConfigJson.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node)
            + "\n");
  }

  /** Every tensor of model.safetensors, or of the shards an index names, checked against it. */
  private static Map<String, FloatTensor> tensors(Path dir) throws IOException {
    Path index = dir.resolve(INDEX);
    if (!Files.exists(index)) {
      if (!Files.exists(dir.resolve(SINGLE))) {
        throw new HfFormatException(
            dir + " has neither " + SINGLE + " nor " + INDEX + ": not a Hugging Face model folder");
      }
      return SafetensorsReader.read(dir.resolve(SINGLE)).tensors();
    }
    JsonNode map = json(index).get("weight_map");
    if (map == null || !map.isObject())
      throw new HfFormatException(INDEX + " has no 'weight_map' object");
    SortedMap<String, String> where = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      String shard = e.getValue().asText();
      if (!e.getValue().isTextual() || !shard.matches("[A-Za-z0-9._-]+") || shard.startsWith(".")) {
        throw new HfFormatException(
            INDEX
                + ": tensor '"
                + e.getKey()
                + "' points to '"
                + e.getValue()
                + "', not a file name in the folder");
      }
      where.put(e.getKey(), shard);
    }
    Map<String, FloatTensor> all = new TreeMap<>();
    for (String shard : new TreeSet<>(where.values())) {
      if (!Files.exists(dir.resolve(shard)))
        throw new HfFormatException(INDEX + " names shard " + shard + ", which is missing");
    }
    for (String shard : new TreeSet<>(where.values())) {
      Path file = dir.resolve(shard);
      SafetensorsFile f;
      try {
        f = SafetensorsReader.read(file);
      } catch (SafetensorsException e) {
        throw new HfFormatException("shard " + shard + ": " + e.getMessage(), e);
      }
      for (Map.Entry<String, FloatTensor> t : f.tensors().entrySet()) {
        if (!shard.equals(where.get(t.getKey()))) {
          throw new HfFormatException(
              "shard "
                  + shard
                  + " holds '"
                  + t.getKey()
                  + "', which "
                  + INDEX
                  + " places "
                  + (where.containsKey(t.getKey()) ? "in " + where.get(t.getKey()) : "nowhere"));
        }
        all.put(t.getKey(), t.getValue());
      }
    }
    for (Map.Entry<String, String> e : where.entrySet()) {
      if (!all.containsKey(e.getKey())) {
        throw new HfFormatException(
            INDEX + " places '" + e.getKey() + "' in " + e.getValue() + ", which does not hold it");
      }
    }
    return all;
  }

  private static JsonNode json(Path file) throws IOException {
    if (!Files.exists(file)) throw new HfFormatException(file + " is missing");
    try {
      return HfConfigJson.JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new HfFormatException(
          file.getFileName() + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
