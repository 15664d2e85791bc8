package io.levity.compute.training;

import io.levity.compute.ContractCode;
import io.levity.core.bytes.Bytes;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiFunction;
import io.levity.sdk.abi.CustomErrors;
import java.util.List;

/**
 * The TrainingJobs contract (compute/contracts, compiled by compile.js into this package's
 * resources): its code, its interface and its errors. {@code TrainingJobsAbiTest} checks the
 * declarations against the ABI the compiler emitted.
 */
public final class TrainingJobsContract {
  static final String JOB = "(address,uint32,uint32,uint32,uint64,bytes32,bytes32,bytes32,bytes32)";

  public static final AbiFunction CREATE_JOB =
      AbiFunction.parse(
          "createJob(bytes32,bytes32,bytes32,bytes32,uint64,uint32,uint32,bytes32)"
              + " returns (uint256)");
  public static final AbiFunction COMMIT_CHECKPOINT =
      AbiFunction.parse("commitCheckpoint(uint256,uint256,bytes32)");
  public static final AbiFunction JOB_OF = AbiFunction.parse("job(uint256) returns (" + JOB + ")");
  public static final AbiFunction CHECKPOINT =
      AbiFunction.parse("checkpoint(uint256,uint256) returns (bytes32)");
  public static final AbiFunction JOB_COUNT = AbiFunction.parse("jobCount() returns (uint256)");
  public static final AbiFunction MAX_SEGMENT_STEPS =
      AbiFunction.parse("MAX_SEGMENT_STEPS() returns (uint32)");
  public static final AbiFunction MAX_SEGMENTS =
      AbiFunction.parse("MAX_SEGMENTS() returns (uint32)");

  public static final AbiEvent JOB_CREATED =
      AbiEvent.parse(
          "JobCreated(uint256 indexed,address indexed,bytes32,bytes32,bytes32,bytes32,uint64,"
              + "uint32,uint32)");
  public static final AbiEvent CHECKPOINT_COMMITTED =
      AbiEvent.parse("CheckpointCommitted(uint256 indexed,uint256 indexed,bytes32)");

  /** Every revert the contract makes. */
  public static final CustomErrors ERRORS =
      new CustomErrors(
          List.of(
              "UnknownJob(uint256)",
              "NotJobOwner(uint256,address)",
              "WrongCheckpointIndex(uint256,uint256)",
              "JobComplete(uint256)",
              "ZeroRoot()",
              "BadSchedule(uint32,uint32)"));

  /** The contract's limits, as it declares them. */
  public static final int MAX_STEPS_PER_SEGMENT = 1_000_000;

  public static final int MAX_SEGMENT_COUNT = 10_000;

  private TrainingJobsContract() {}

  /** The creation code (the constructor takes no arguments). */
  public static Bytes creationCode() {
    return hexResource("TrainingJobs.creation.hex");
  }

  /** The runtime code solc emitted (no immutables: it can be placed in a genesis as it is). */
  public static Bytes runtimeCode() {
    return hexResource("TrainingJobs.runtime.hex");
  }

  private static Bytes hexResource(String name) {
    return ContractCode.hexResource(TrainingJobsContract.class, name);
  }
}
