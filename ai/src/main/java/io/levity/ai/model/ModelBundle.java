package io.levity.ai.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.ai.safetensors.SafetensorsException;
import io.levity.ai.safetensors.SafetensorsFile;
import io.levity.ai.safetensors.SafetensorsReader;
import io.levity.ai.safetensors.SafetensorsWriter;
import io.levity.ai.tokenizer.BpeTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A self-describing model file: the weights as a safetensors file whose metadata holds the model's
 * config ({@value #CONFIG_KEY}, JSON) and, when it has one, its tokenizer ({@value #TOKENIZER_KEY},
 * the merges as "left,right" pairs separated by spaces). One file, so one storage root, names the
 * whole model: loading by root needs nothing else.
 */
public record ModelBundle(ModelWeights weights, Optional<BpeTokenizer> tokenizer) {
  public static final String CONFIG_KEY = "levity.model.config";
  public static final String TOKENIZER_KEY = "levity.tokenizer.merges";

  /** The most merges a bundled tokenizer may have (a vocabulary of about a million tokens). */
  public static final int MAX_MERGES = 1 << 20;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public ModelBundle {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(tokenizer, "tokenizer");
    tokenizer.ifPresent(
        t -> {
          if (t.vocabSize() > weights.config().vocabSize())
            throw new IllegalArgumentException(
                "the tokenizer has "
                    + t.vocabSize()
                    + " tokens, the model only "
                    + weights.config().vocabSize());
        });
  }

  public ModelConfig config() {
    return weights.config();
  }

  /** Writes the bundle; the same bundle always gives the same bytes. */
  public void write(Path file) throws IOException {
    Map<String, String> meta = new TreeMap<>();
    meta.put(CONFIG_KEY, configJson(weights.config()));
    tokenizer.ifPresent(t -> meta.put(TOKENIZER_KEY, mergesText(t)));
    SafetensorsWriter.write(file, new SafetensorsFile(weights.toSafetensors().tensors(), meta));
  }

  /** Reads a bundle, checking every tensor's name and shape against the config it carries. */
  public static ModelBundle read(Path file) throws IOException {
    SafetensorsFile f = SafetensorsReader.read(file);
    String config = f.metadata().get(CONFIG_KEY);
    if (config == null)
      throw new SafetensorsException(
          file
              + " carries no model config (metadata '"
              + CONFIG_KEY
              + "'): a bare safetensors file needs its config given separately");
    ModelWeights weights = ModelWeights.from(parseConfig(config), f);
    String merges = f.metadata().get(TOKENIZER_KEY);
    return new ModelBundle(
        weights, merges == null ? Optional.empty() : Optional.of(parseMerges(merges)));
  }

  /** The config as canonical JSON (fields in declaration order). */
  public static String configJson(ModelConfig c) {
    try {
      return JSON.writeValueAsString(c);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a model config always serializes", e);
    }
  }

  /** A config from {@link #configJson}; throws {@link SafetensorsException} naming the problem. */
  public static ModelConfig parseConfig(String json) throws SafetensorsException {
    try {
      return JSON.readValue(json, ModelConfig.class);
    } catch (JsonProcessingException e) {
      throw new SafetensorsException("the model config is not valid: " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw new SafetensorsException("the model config is not valid: " + e.getMessage());
    }
  }

  public static String mergesText(BpeTokenizer t) {
    StringBuilder sb = new StringBuilder();
    for (BpeTokenizer.Merge m : t.merges()) {
      if (!sb.isEmpty()) sb.append(' ');
      sb.append(m.left()).append(',').append(m.right());
    }
    return sb.toString();
  }

  public static BpeTokenizer parseMerges(String text) throws SafetensorsException {
    List<BpeTokenizer.Merge> merges = new ArrayList<>();
    if (!text.isEmpty()) {
      String[] pairs = text.split(" ", -1);
      if (pairs.length > MAX_MERGES)
        throw new SafetensorsException(
            "the tokenizer has " + pairs.length + " merges, more than " + MAX_MERGES);
      for (String pair : pairs) {
        int comma = pair.indexOf(',');
        try {
          if (comma < 0) throw new NumberFormatException("no comma");
          merges.add(
              new BpeTokenizer.Merge(
                  Integer.parseInt(pair.substring(0, comma)),
                  Integer.parseInt(pair.substring(comma + 1))));
        } catch (NumberFormatException e) {
          throw new SafetensorsException(
              "tokenizer merge " + merges.size() + " is not 'left,right': '" + pair + "'");
        }
      }
    }
    try {
      return new BpeTokenizer(merges);
    } catch (IllegalArgumentException e) {
      throw new SafetensorsException("the tokenizer is not valid: " + e.getMessage());
    }
  }
}
