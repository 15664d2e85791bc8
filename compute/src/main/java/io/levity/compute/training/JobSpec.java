package io.levity.compute.training;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.ai.model.ModelBundle;
import io.levity.ai.safetensors.SafetensorsException;
import io.levity.ai.tokenizer.BpeTokenizer;
import io.levity.ai.train.TrainConfig;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a training job runs, as the file whose storage root the job names: the runtime, the training
 * config (model, batch, optimizer, schedule, seed), the tokenizer that turns the dataset's UTF-8
 * text into tokens, and the checkpoint schedule. Anyone holding this file, the dataset and a
 * checkpoint can re-run the next segment.
 */
public record JobSpec(
    String runtime, TrainConfig train, BpeTokenizer tokenizer, int segmentSteps, int segments) {
  /** This runtime: the ai module's float32 kernels with their fixed reduction order. */
  public static final String RUNTIME = "levity-ai/1 f32 fixed-order no-fma";

  /** The largest spec file read: the tokenizer's merges dominate. */
  public static final long MAX_BYTES = 16L << 20;

  static final String FORMAT = "levity-training-job/1";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  public JobSpec {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(tokenizer, "tokenizer");
    if (segmentSteps < 1 || segmentSteps > TrainingJobsContract.MAX_STEPS_PER_SEGMENT)
      throw new IllegalArgumentException(
          "segmentSteps must be in [1, "
              + TrainingJobsContract.MAX_STEPS_PER_SEGMENT
              + "], got "
              + segmentSteps);
    if (segments < 1 || segments > TrainingJobsContract.MAX_SEGMENT_COUNT)
      throw new IllegalArgumentException(
          "segments must be in [1, "
              + TrainingJobsContract.MAX_SEGMENT_COUNT
              + "], got "
              + segments);
    if (tokenizer.vocabSize() > train.model().vocabSize())
      throw new IllegalArgumentException(
          "the tokenizer has "
              + tokenizer.vocabSize()
              + " tokens, the model only "
              + train.model().vocabSize());
  }

  /** The runtime as the chain records it: the Keccak-256 of its name. */
  public Bytes32 runtimeId() {
    return runtimeId(runtime);
  }

  public static Bytes32 runtimeId(String runtime) {
    return Keccak.hash(runtime.getBytes(StandardCharsets.UTF_8));
  }

  /** The spec's file: canonical JSON, the same spec always the same bytes. */
  public byte[] toBytes() {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", FORMAT);
    o.put("runtime", runtime);
    o.put("segmentSteps", segmentSteps);
    o.put("segments", segments);
    try {
      o.set("train", JSON.readTree(train.toJson()));
    } catch (IOException e) {
      throw new IllegalStateException("a train config always has valid JSON", e);
    }
    o.put("tokenizer", ModelBundle.mergesText(tokenizer));
    return (o.toString() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  public void write(Path file) throws IOException {
    Files.write(file, toBytes());
  }

  /** Reads a spec file, refusing anything but a complete, valid spec of a known format. */
  public static JobSpec read(Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES)
      throw new TrainingJobException(
          "the job spec " + file + " is larger than " + MAX_BYTES + " bytes");
    return parse(Files.readAllBytes(file));
  }

  public static JobSpec parse(byte[] bytes) {
    JsonNode o;
    try {
      o = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new TrainingJobException("the job spec is not valid JSON: " + e.getMessage());
    }
    if (o == null || !o.isObject() || !FORMAT.equals(o.path("format").asText()))
      throw new TrainingJobException("not a job spec: its \"format\" is not \"" + FORMAT + "\"");
    for (String field : new String[] {"runtime", "segmentSteps", "segments", "train", "tokenizer"})
      if (!o.has(field)) throw new TrainingJobException("the job spec has no \"" + field + "\"");
    try {
      return new JobSpec(
          o.path("runtime").asText(),
          TrainConfig.fromJson(o.path("train").toString()),
          ModelBundle.parseMerges(o.path("tokenizer").asText()),
          o.path("segmentSteps").asInt(),
          o.path("segments").asInt());
    } catch (SafetensorsException | IllegalArgumentException e) {
      throw new TrainingJobException("the job spec is not valid: " + e.getMessage(), e);
    }
  }
}
