package io.levity.compute.training;

import io.levity.ai.tensor.Kernels;
import io.levity.ai.train.TensorDifference;
import io.levity.ai.train.TrainState;
import io.levity.ai.train.Trainer;
import io.levity.compute.models.ContentStore;
import io.levity.compute.models.ModelLoader;
import io.levity.storage.client.ProgressListener;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks one segment of a recorded training job by re-running it: fetches checkpoint I, runs the
 * segment's steps with the deterministic runtime and compares the result with checkpoint I + 1 bit
 * for bit. Segment 0 also checks checkpoint 0 against the initial state the seed (or the base
 * model) gives. Any difference names the first tensor and element that differ.
 */
public final class TrainingVerifier {
  /** The outcome of one segment's check. */
  public record Verdict(
      BigInteger job, int segment, boolean matches, Optional<String> firstDifference) {}

  private final ContentStore store;
  private final TrainingJobsClient jobs;
  private final Path work;
  private final Kernels kernels;

  public TrainingVerifier(ContentStore store, TrainingJobsClient jobs, Path work, Kernels kernels) {
    this.store = Objects.requireNonNull(store, "store");
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.work = Objects.requireNonNull(work, "work");
    this.kernels = Objects.requireNonNull(kernels, "kernels");
  }

  /** Re-runs segment {@code segment} of job {@code id} (from checkpoint segment to segment + 1). */
  public Verdict verify(BigInteger id, int segment, JobListener listener) throws IOException {
    JobRecord job = jobs.job(id);
    if (segment < 0 || segment + 1 >= job.committed())
      throw new TrainingJobException(
          "job "
              + id
              + " has "
              + Math.max(0, job.committed() - 1)
              + " segments with both checkpoints recorded; segment "
              + segment
              + " cannot be checked");
    JobFiles files = new JobFiles(store, work.resolve("verify-" + id));
    JobSpec spec = files.spec(job, listener);
    Path dataset = files.dataset(job, listener);
    Trainer trainer = JobFiles.trainer(spec, dataset, kernels);
    TrainState state = files.checkpoint(jobs, job, segment, spec, listener);
    long expectedStep = (long) segment * spec.segmentSteps();
    if (state.step() != expectedStep)
      return new Verdict(
          id,
          segment,
          false,
          Optional.of(
              "checkpoint " + segment + " is at step " + state.step() + ", not " + expectedStep));
    if (segment == 0) {
      listener.phase("recompute the initial state");
      TrainState initial =
          job.fineTunes()
              ? trainer.from(
                  new ModelLoader(store, work.resolve("models"), ModelLoader.DEFAULT_MAX_BYTES)
                      .load(job.baseModelRoot(), ProgressListener.NONE)
                      .weights())
              : trainer.init();
      Optional<String> diff =
          initial.firstDifference(state).map(d -> "checkpoint 0: " + describe(d));
      if (diff.isPresent()) return new Verdict(id, segment, false, diff);
    }
    listener.phase("re-run segment " + segment + " (" + spec.segmentSteps() + " steps)");
    long lastStep = expectedStep + spec.segmentSteps();
    state =
        trainer.run(
            state,
            spec.segmentSteps(),
            (step, loss, lr, norm) -> listener.step(step + 1, lastStep, loss));
    byte[] recorded = Files.readAllBytes(files.checkpointFile(jobs, job, segment + 1, listener));
    Optional<String> diff = compare(state, recorded, segment + 1);
    return new Verdict(id, segment, diff.isEmpty(), diff);
  }

  /**
   * Empty when {@code recorded} is exactly the file of {@code produced}; else where they differ:
   * the first tensor element, or why the recorded file is not a valid state at all.
   */
  public static Optional<String> compare(TrainState produced, byte[] recorded, int index) {
    if (Arrays.equals(produced.toBytes(), recorded)) return Optional.empty();
    TrainState claimed;
    try {
      claimed = TrainState.fromBytes(recorded, produced.config());
    } catch (IOException | RuntimeException e) {
      return Optional.of("checkpoint " + index + " is not a valid state: " + e.getMessage());
    }
    if (claimed.step() != produced.step())
      return Optional.of(
          "checkpoint " + index + " is at step " + claimed.step() + ", not " + produced.step());
    return Optional.of(
        "checkpoint "
            + index
            + ": "
            + produced
                .firstDifference(claimed)
                .map(TrainingVerifier::describe)
                .orElse("the same tensors, but the files differ (metadata or layout)"));
  }

  /** "tensor 'layers.0.attn.q.weight' element 17: recomputed 0.1, recorded 0.2". */
  static String describe(TensorDifference d) {
    return "tensor '"
        + d.tensor()
        + "' element "
        + d.index()
        + ": recomputed "
        + d.thisValue()
        + ", recorded "
        + d.otherValue();
  }
}
