package io.levity.compute.training;

import io.levity.ai.model.ModelConfig;
import io.levity.ai.tokenizer.BpeTokenizer;
import io.levity.ai.train.TrainConfig;
import java.util.List;
import java.util.Locale;

/**
 * Named training jobs: {@code tiny} trains Levity's default chat model, {@code test} a model small
 * enough for a test to train three segments in seconds. The tokenizer is learned from the corpus
 * (deterministic byte-level BPE), so a preset and a corpus decide the whole job.
 */
public final class TrainingPresets {
  /** The presets' names. */
  public static final List<String> NAMES = List.of("tiny", "test");

  private TrainingPresets() {}

  /** The job of preset {@code name} on {@code corpus}. */
  public static JobSpec of(String name, String corpus) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "tiny" -> tiny(corpus);
      case "test" -> test(corpus);
      default ->
          throw new IllegalArgumentException(
              "no preset '" + name + "'; the presets are " + String.join(", ", NAMES));
    };
  }

  /**
   * The default chat model: Llama style, 4 layers of width 128, a 1,024-token BPE vocabulary, 128
   * tokens of context; about a million parameters.
   */
  static JobSpec tiny(String corpus) {
    int segments = 10;
    int segmentSteps = 150;
    ModelConfig model = ModelConfig.llama(1024, 128, 4, 4, 2, 352, 128);
    TrainConfig train =
        new TrainConfig(
            model, 128, 8, 4e-3f, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 30, segments * segmentSteps, 7);
    return new JobSpec(
        JobSpec.RUNTIME, train, BpeTokenizer.train(corpus, 1024), segmentSteps, segments);
  }

  /** Seconds to train: 3 segments of 4 steps of a one-layer model of width 32. */
  static JobSpec test(String corpus) {
    ModelConfig model = ModelConfig.llama(300, 32, 1, 2, 1, 64, 32);
    TrainConfig train =
        new TrainConfig(model, 32, 4, 1e-2f, 0.9f, 0.95f, 1e-8f, 0.1f, 1f, 2, 12, 11);
    return new JobSpec(JobSpec.RUNTIME, train, BpeTokenizer.train(corpus, 300), 4, 3);
  }
}
