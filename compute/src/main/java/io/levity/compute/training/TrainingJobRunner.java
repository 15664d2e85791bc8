package io.levity.compute.training;

import io.levity.ai.model.ModelBundle;
import io.levity.ai.tensor.Kernels;
import io.levity.ai.train.TrainState;
import io.levity.ai.train.Trainer;
import io.levity.compute.models.ContentStore;
import io.levity.compute.models.ModelLoader;
import io.levity.core.bytes.Bytes32;
import io.levity.sdk.tx.Wallet;
import io.levity.storage.client.ProgressListener;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a training job on the network: stores the dataset and the spec, records the job with its
 * checkpoint 0, then trains segment by segment, storing each checkpoint and committing its root.
 * {@link #resume} continues a job from its last recorded checkpoint, so a crash loses at most one
 * segment of work and never records a checkpoint twice.
 */
public final class TrainingJobRunner {
  private final ContentStore store;
  private final TrainingJobsClient jobs;
  private final Wallet owner;
  private final Path work;
  private final Kernels kernels;
  private final ModelLoader models;

  public TrainingJobRunner(
      ContentStore store, TrainingJobsClient jobs, Wallet owner, Path work, Kernels kernels) {
    this.store = Objects.requireNonNull(store, "store");
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.owner = Objects.requireNonNull(owner, "owner");
    this.work = Objects.requireNonNull(work, "work");
    this.kernels = Objects.requireNonNull(kernels, "kernels");
    this.models = new ModelLoader(store, work.resolve("models"), ModelLoader.DEFAULT_MAX_BYTES);
  }

  /**
   * Records a new job training on {@code dataset} (UTF-8 text), from scratch or from the model with
   * root {@code baseModel}, runs all its segments and returns its id.
   */
  public BigInteger start(
      JobSpec spec, Path dataset, Optional<Bytes32> baseModel, JobListener listener)
      throws IOException {
    Files.createDirectories(work);
    listener.phase("store dataset");
    Bytes32 datasetRoot = store.put(dataset, ProgressListener.NONE);
    listener.phase("store job spec");
    Path specFile = work.resolve("job-spec.json");
    spec.write(specFile);
    Bytes32 specRoot = store.put(specFile, ProgressListener.NONE);
    Trainer trainer = JobFiles.trainer(spec, dataset, kernels);
    TrainState initial;
    if (baseModel.isPresent()) {
      listener.phase("fetch base model " + baseModel.get());
      initial = trainer.from(models.load(baseModel.get(), ProgressListener.NONE).weights());
    } else {
      initial = trainer.init();
    }
    Bytes32 root0 = storeCheckpoint(initial, 0, listener);
    JobRecord proposed =
        new JobRecord(
            BigInteger.ZERO,
            owner.address(),
            spec.segmentSteps(),
            spec.segments(),
            0,
            spec.train().seed(),
            datasetRoot,
            baseModel.orElse(Bytes32.ZERO),
            specRoot,
            spec.runtimeId());
    listener.phase("record job");
    BigInteger id = jobs.create(owner, proposed, root0);
    run(id, spec, trainer, initial, 1, listener);
    return id;
  }

  /** Continues job {@code id} from its last recorded checkpoint to its end. */
  public void resume(BigInteger id, JobListener listener) throws IOException {
    JobRecord job = jobs.job(id);
    if (!job.owner().equals(owner.address()))
      throw new TrainingJobException(
          "job " + id + " belongs to " + job.owner() + ", not to " + owner.address());
    if (job.complete()) return;
    JobFiles files = new JobFiles(store, work.resolve("job-" + id));
    JobSpec spec = files.spec(job, listener);
    Path dataset = files.dataset(job, listener);
    Trainer trainer = JobFiles.trainer(spec, dataset, kernels);
    int last = job.committed() - 1;
    TrainState state = files.checkpoint(jobs, job, last, spec, listener);
    run(id, spec, trainer, state, last + 1, listener);
  }

  private void run(
      BigInteger id,
      JobSpec spec,
      Trainer trainer,
      TrainState state,
      int firstSegment,
      JobListener listener)
      throws IOException {
    long lastStep = (long) spec.segments() * spec.segmentSteps();
    for (int i = firstSegment; i <= spec.segments(); i++) {
      listener.phase("segment " + i + " of " + spec.segments());
      state =
          trainer.run(
              state,
              spec.segmentSteps(),
              (step, loss, lr, norm) -> listener.step(step + 1, lastStep, loss));
      Bytes32 root = storeCheckpoint(state, i, listener);
      listener.phase("commit checkpoint " + i);
      jobs.commit(owner, id, i, root);
    }
  }

  private Bytes32 storeCheckpoint(TrainState state, int index, JobListener listener)
      throws IOException {
    listener.phase("store checkpoint " + index);
    Path file = work.resolve("checkpoint-" + index + ".safetensors");
    Files.write(file, state.toBytes());
    Bytes32 root = store.put(file, ProgressListener.NONE);
    Files.delete(file);
    return root;
  }

  /**
   * The model job {@code id} trained: the weights of its last recorded checkpoint with its spec's
   * tokenizer, as one model file's content.
   */
  public ModelBundle finalModel(BigInteger id) throws IOException {
    JobRecord job = jobs.job(id);
    JobFiles files = new JobFiles(store, work.resolve("job-" + id));
    JobSpec spec = files.spec(job, JobListener.NONE);
    TrainState last = files.checkpoint(jobs, job, job.committed() - 1, spec, JobListener.NONE);
    return new ModelBundle(last.weights(), Optional.of(spec.tokenizer()));
  }
}
