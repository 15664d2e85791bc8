package io.levity.compute.training;

import io.levity.ai.model.ModelBundle;
import io.levity.ai.tensor.Kernels;
import io.levity.ai.train.TrainState;
import io.levity.ai.train.Trainer;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.storage.files.StorageFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A training job run on this machine alone, into a folder: {@code job-spec.json}, {@code
 * checkpoint-I.safetensors} for I = 0 to the last segment, and {@code model.safetensors}, the final
 * weights with the tokenizer as one model file. The same spec and corpus give the same bytes in
 * every file on every machine, thread count and kernel path; a folder left by a crash resumes from
 * its last complete checkpoint.
 */
public final class LocalTraining {
  /** What a run produced. */
  public record Result(Path model, Bytes32 modelHash, List<Path> checkpoints, float lastLoss) {}

  private LocalTraining() {}

  /** Runs {@code spec} on the UTF-8 text in {@code corpus}, writing into {@code out}. */
  public static Result run(
      JobSpec spec, Path corpus, Path out, Kernels kernels, JobListener listener)
      throws IOException {
    Files.createDirectories(out);
    Path specFile = out.resolve("job-spec.json");
    byte[] specBytes = spec.toBytes();
    if (Files.isRegularFile(specFile)
        && !Files.readString(specFile).equals(new String(specBytes, StandardCharsets.UTF_8)))
      throw new TrainingJobException(
          out + " holds another job (its job-spec.json differs); choose another folder");
    StorageFiles.replaceDurably(specFile, specBytes, false);
    listener.phase("tokenize " + corpus);
    Trainer trainer = JobFiles.trainer(spec, corpus, kernels);
    List<Path> checkpoints = new ArrayList<>();
    int resumeFrom = -1;
    for (int i = spec.segments(); i >= 0 && resumeFrom < 0; i--)
      if (Files.isRegularFile(checkpoint(out, i))) resumeFrom = i;
    TrainState state;
    if (resumeFrom >= 0) {
      listener.phase("resume from checkpoint " + resumeFrom);
      state = TrainState.fromBytes(Files.readAllBytes(checkpoint(out, resumeFrom)), spec.train());
    } else {
      state = trainer.init();
      StorageFiles.replaceDurably(checkpoint(out, 0), state.toBytes(), false);
      resumeFrom = 0;
    }
    for (int i = 0; i <= resumeFrom; i++) checkpoints.add(checkpoint(out, i));
    long lastStep = (long) spec.segments() * spec.segmentSteps();
    float[] loss = {Float.NaN};
    for (int i = resumeFrom + 1; i <= spec.segments(); i++) {
      listener.phase("segment " + i + " of " + spec.segments());
      state =
          trainer.run(
              state,
              spec.segmentSteps(),
              (step, l, lr, norm) -> {
                loss[0] = l;
                listener.step(step + 1, lastStep, l);
              });
      StorageFiles.replaceDurably(checkpoint(out, i), state.toBytes(), false);
      checkpoints.add(checkpoint(out, i));
    }
    Path model = out.resolve("model.safetensors");
    new ModelBundle(state.weights(), Optional.of(spec.tokenizer())).write(model);
    return new Result(model, Keccak.hash(Files.readAllBytes(model)), checkpoints, loss[0]);
  }

  static Path checkpoint(Path out, int index) {
    return out.resolve("checkpoint-" + index + ".safetensors");
  }
}
