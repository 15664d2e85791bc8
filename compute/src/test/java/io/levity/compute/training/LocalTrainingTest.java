package io.levity.compute.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.ai.model.ModelBundle;
import io.levity.ai.tensor.Kernels;
import io.levity.ai.train.TrainState;
import io.levity.ai.train.Trainer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole job of the test preset on this machine: the same bytes in every file on every kernel path
 * and thread count, a crash resumes to the same bytes, and every flipped weight in a checkpoint is
 * caught by re-running the segment before it.
 */
class LocalTrainingTest {
  static final String CORPUS =
      """
      Call me a sailor. Some years ago, never mind how long, having little money in my purse and
      nothing to interest me on shore, I thought I would sail about a little and see the watery part
      of the world. It is a way I have of driving off the spleen. Whenever I find myself growing grim
      about the mouth, whenever it is a damp, drizzly November in my soul, I account it high time to
      get to sea as soon as I can.
      """
          .repeat(6);

  @TempDir static Path dir;
  static Path corpus;
  static JobSpec spec;
  static LocalTraining.Result reference;

  @BeforeAll
  static void train() throws Exception {
    corpus = dir.resolve("corpus.txt");
    Files.writeString(corpus, CORPUS);
    spec = TrainingPresets.of("test", CORPUS);
    try (Kernels k = Kernels.scalar(1)) {
      reference = LocalTraining.run(spec, corpus, dir.resolve("ref"), k, JobListener.NONE);
    }
  }

  @Test
  void writesTheSpecEveryCheckpointAndALoadableModel() throws Exception {
    assertThat(reference.checkpoints()).hasSize(spec.segments() + 1);
    assertThat(JobSpec.read(dir.resolve("ref/job-spec.json")).toBytes()).isEqualTo(spec.toBytes());
    ModelBundle model = ModelBundle.read(reference.model());
    assertThat(model.config()).isEqualTo(spec.train().model());
    assertThat(model.tokenizer().orElseThrow().merges()).isEqualTo(spec.tokenizer().merges());
    assertThat(reference.lastLoss()).isFinite();
  }

  @Test
  void everyPathAndThreadCountWritesTheSameBytes() throws Exception {
    try (Kernels k = Kernels.of(Kernels.SIMD_AVAILABLE, 3, 1)) {
      LocalTraining.Result r =
          LocalTraining.run(spec, corpus, dir.resolve("simd3"), k, JobListener.NONE);
      assertThat(r.modelHash()).isEqualTo(reference.modelHash());
      for (int i = 0; i < r.checkpoints().size(); i++)
        assertThat(Files.readAllBytes(r.checkpoints().get(i)))
            .as("checkpoint " + i)
            .isEqualTo(Files.readAllBytes(reference.checkpoints().get(i)));
    }
  }

  @Test
  void aCrashedRunResumesToTheSameBytes() throws Exception {
    Path out = dir.resolve("crashed");
    Files.createDirectories(out);
    // as a crash after checkpoint 1 leaves it: the spec and checkpoints 0 and 1, a stray temp file
    Files.copy(dir.resolve("ref/job-spec.json"), out.resolve("job-spec.json"));
    for (int i = 0; i <= 1; i++)
      Files.copy(reference.checkpoints().get(i), LocalTraining.checkpoint(out, i));
    Files.write(out.resolve("checkpoint-2.safetensors.tmp"), new byte[] {1, 2, 3});
    List<String> phases = new ArrayList<>();
    try (Kernels k = Kernels.best(2)) {
      LocalTraining.Result r =
          LocalTraining.run(
              spec,
              corpus,
              out,
              k,
              new JobListener() {
                @Override
                public void phase(String what) {
                  phases.add(what);
                }
              });
      assertThat(phases).contains("resume from checkpoint 1").doesNotContain("segment 1 of 3");
      assertThat(r.modelHash()).isEqualTo(reference.modelHash());
    }
  }

  @Test
  void refusesAFolderOfAnotherJob() throws Exception {
    JobSpec other = TrainingPresets.of("test", CORPUS + "more text");
    try (Kernels k = Kernels.scalar(1)) {
      assertThatThrownBy(
              () -> LocalTraining.run(other, corpus, dir.resolve("ref"), k, JobListener.NONE))
          .isInstanceOf(TrainingJobException.class)
          .hasMessageContaining("holds another job");
    }
  }

  @Test
  void everyFlippedWeightIsCaughtByReRunningTheSegment() throws Exception {
    byte[] honest = Files.readAllBytes(reference.checkpoints().get(2));
    TrainState produced;
    try (Kernels k = Kernels.best(2)) {
      Trainer trainer = JobFiles.trainer(spec, corpus, k);
      TrainState before =
          TrainState.fromBytes(Files.readAllBytes(reference.checkpoints().get(1)), spec.train());
      produced = trainer.run(before, spec.segmentSteps(), (s, l, lr, n) -> {});
    }
    assertThat(TrainingVerifier.compare(produced, honest, 2)).isEmpty();
    long headerEnd = 8 + ByteBuffer.wrap(honest, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    SplittableRandom random = new SplittableRandom(2026);
    for (int trial = 0; trial < 40; trial++) {
      byte[] tampered = honest.clone();
      int floatIndex = random.nextInt((int) ((honest.length - headerEnd) / 4));
      int bit = random.nextInt(32);
      int at = (int) headerEnd + 4 * floatIndex + bit / 8;
      tampered[at] ^= (byte) (1 << (bit % 8));
      Optional<String> diff = TrainingVerifier.compare(produced, tampered, 2);
      assertThat(diff).as("flip of bit %d of float %d", bit, floatIndex).isPresent();
      // a flipped bit in a float gives another value (or a NaN, also another bit pattern)
      assertThat(diff.get()).containsAnyOf("tensor '", "not a valid state");
    }
    byte[] header = honest.clone();
    header[20] ^= 1;
    assertThat(TrainingVerifier.compare(produced, header, 2)).isPresent();
    assertThat(
            TrainingVerifier.compare(
                produced, "not a checkpoint".getBytes(StandardCharsets.UTF_8), 2))
        .hasValueSatisfying(d -> assertThat(d).contains("not a valid state"));
  }
}
