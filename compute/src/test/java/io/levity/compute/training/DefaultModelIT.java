package io.levity.compute.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.ai.model.DefaultModel;
import io.levity.ai.tensor.Kernels;
import io.levity.core.crypto.Keccak;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled default model is what its command reproduces, bit for bit: {@code levity ai train
 * --preset tiny} on Moby-Dick. About ten minutes on two cores, so only under {@code -Pslow}.
 */
@EnabledIfSystemProperty(named = "levity.slow", matches = "true")
class DefaultModelIT {
  static final Path CORPUS =
      Path.of(
          "..",
          "ai",
          "corpus",
          "node_modules",
          "@stdlib",
          "datasets-moby-dick",
          "data",
          "data.txt");

  @TempDir Path dir;

  @Test
  void theTinyPresetReproducesTheBundledModel() throws Exception {
    assertThat(CORPUS)
        .as("the corpus is missing: run (cd ai/corpus && npm ci) first")
        .isRegularFile();
    Path bundled = dir.resolve("bundled.safetensors");
    DefaultModel.copyTo(bundled);
    JobSpec spec = TrainingPresets.of("tiny", Files.readString(CORPUS));
    try (Kernels k = Kernels.best(Runtime.getRuntime().availableProcessors())) {
      LocalTraining.Result r =
          LocalTraining.run(spec, CORPUS, dir.resolve("run"), k, JobListener.NONE);
      assertThat(r.modelHash()).isEqualTo(Keccak.hash(Files.readAllBytes(bundled)));
    }
  }
}
