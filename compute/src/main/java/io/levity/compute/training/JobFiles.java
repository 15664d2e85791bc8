package io.levity.compute.training;

import io.levity.ai.tensor.Kernels;
import io.levity.ai.train.TrainState;
import io.levity.ai.train.Trainer;
import io.levity.compute.models.ContentStore;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.storage.client.ProgressListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The files a job names, fetched by root into one folder and checked: its spec (which must name the
 * runtime, seed and schedule the chain recorded), its dataset and its checkpoints.
 */
final class JobFiles {
  /** The largest dataset a job may name: 256 MiB of text. */
  static final long MAX_DATASET_BYTES = 256L << 20;

  /** The largest checkpoint fetched: 16 GiB (weights and two optimizer moments). */
  static final long MAX_CHECKPOINT_BYTES = 16L << 30;

  private final ContentStore store;
  private final Path dir;

  JobFiles(ContentStore store, Path dir) {
    this.store = Objects.requireNonNull(store, "store");
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  /** The job's spec, checked against what the chain recorded. */
  JobSpec spec(JobRecord job, JobListener listener) throws IOException {
    listener.phase("fetch job spec " + job.specRoot());
    JobSpec spec = JobSpec.read(fetch(job.specRoot(), "spec.json", JobSpec.MAX_BYTES));
    if (!spec.runtimeId().equals(job.runtime()))
      throw new TrainingJobException(
          "job "
              + job.id()
              + " names runtime "
              + job.runtime()
              + ", its spec '"
              + spec.runtime()
              + "' ("
              + spec.runtimeId()
              + ")");
    if (!spec.runtimeId().equals(JobSpec.runtimeId(JobSpec.RUNTIME)))
      throw new TrainingJobException(
          "job "
              + job.id()
              + " needs runtime '"
              + spec.runtime()
              + "', this is '"
              + JobSpec.RUNTIME
              + "'");
    if (spec.train().seed() != job.seed()
        || spec.segmentSteps() != job.segmentSteps()
        || spec.segments() != job.segments())
      throw new TrainingJobException(
          "job " + job.id() + "'s spec disagrees with its record (seed or schedule)");
    return spec;
  }

  /** The job's dataset file. */
  Path dataset(JobRecord job, JobListener listener) throws IOException {
    listener.phase("fetch dataset " + job.datasetRoot());
    return fetch(job.datasetRoot(), "dataset.txt", MAX_DATASET_BYTES);
  }

  /** Checkpoint {@code index} of the job, as recorded; throws when it is not recorded yet. */
  TrainState checkpoint(
      TrainingJobsClient jobs, JobRecord job, int index, JobSpec spec, JobListener listener)
      throws IOException {
    Path file = checkpointFile(jobs, job, index, listener);
    return TrainState.fromBytes(Files.readAllBytes(file), spec.train());
  }

  /** The file of checkpoint {@code index}, fetched. */
  Path checkpointFile(TrainingJobsClient jobs, JobRecord job, int index, JobListener listener)
      throws IOException {
    if (index < 0 || index >= job.committed())
      throw new TrainingJobException(
          "job "
              + job.id()
              + " has checkpoints 0 to "
              + (job.committed() - 1)
              + " recorded, not "
              + index);
    Bytes32 root = jobs.checkpoint(job.id(), index);
    listener.phase("fetch checkpoint " + index + " " + root);
    return fetch(root, "checkpoint-" + index + ".safetensors", MAX_CHECKPOINT_BYTES);
  }

  private Path fetch(Bytes32 root, String name, long maxBytes) throws IOException {
    Files.createDirectories(dir);
    Path out = dir.resolve(name);
    store.fetch(root, out, maxBytes, ProgressListener.NONE);
    return out;
  }

  /**
   * A trainer for the spec over the dataset's text, tokenized with the spec's tokenizer. The data
   * order is seeded by the Keccak-256 of the dataset's bytes (which its storage root commits to),
   * not by the root itself: the root depends on the network's erasure code, the content does not,
   * so a job trains the same bits offline and on any network.
   */
  static Trainer trainer(JobSpec spec, Path dataset, Kernels kernels) throws IOException {
    if (Files.size(dataset) > MAX_DATASET_BYTES)
      throw new TrainingJobException("the dataset is larger than " + MAX_DATASET_BYTES + " bytes");
    byte[] bytes = Files.readAllBytes(dataset);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new TrainingJobException("the dataset is not UTF-8 text");
    }
    int[] tokens = spec.tokenizer().encode(text);
    if (tokens.length < spec.train().seqLen() + 2)
      throw new TrainingJobException(
          "the dataset has "
              + tokens.length
              + " tokens, fewer than one training row of "
              + (spec.train().seqLen() + 1));
    return new Trainer(spec.train(), tokens, Keccak.hash(bytes), kernels);
  }
}
