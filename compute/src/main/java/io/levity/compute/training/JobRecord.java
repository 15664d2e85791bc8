package io.levity.compute.training;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import java.math.BigInteger;

/**
 * A training job as the chain records it.
 *
 * @param id the job's number (from 1)
 * @param owner the account that created it and alone commits its checkpoints
 * @param segmentSteps optimizer steps between two checkpoints
 * @param segments how many segments the job runs (checkpoints 0 to segments)
 * @param committed checkpoints recorded so far, checkpoint 0 included
 * @param seed the seed of the initial weights and of the data order
 * @param datasetRoot storage root of the training text
 * @param baseModelRoot storage root of the model fine-tuned, or zero when trained from scratch
 * @param specRoot storage root of the job's {@link JobSpec} file
 * @param runtime the runtime that must re-run it ({@link JobSpec#runtimeId})
 */
public record JobRecord(
    BigInteger id,
    Address owner,
    int segmentSteps,
    int segments,
    int committed,
    long seed,
    Bytes32 datasetRoot,
    Bytes32 baseModelRoot,
    Bytes32 specRoot,
    Bytes32 runtime) {
  /** Whether every checkpoint is recorded. */
  public boolean complete() {
    return committed > segments;
  }

  /** Whether the job fine-tunes a base model. */
  public boolean fineTunes() {
    return !baseModelRoot.equals(Bytes32.ZERO);
  }
}
