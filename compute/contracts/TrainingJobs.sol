// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title Auditable training jobs
/// @notice A training job is a public record: the storage roots of its dataset, its base model (zero when it trains
/// from scratch) and its configuration (hyperparameters, tokenizer, seed), the runtime that runs it, and the
/// storage root of the full training state (weights and optimizer state) every `segmentSteps` steps. Checkpoint 0 is
/// the state before the first step; checkpoint i the state after i * segmentSteps steps. Anyone can fetch checkpoint
/// i, re-run one segment with the deterministic runtime and compare with checkpoint i + 1 (docs/ai.md).
contract TrainingJobs {
    uint32 public constant MAX_SEGMENT_STEPS = 1_000_000;
    uint32 public constant MAX_SEGMENTS = 10_000;

    struct Job {
        address owner;
        uint32 segmentSteps;
        uint32 segments;
        uint32 committed;
        uint64 seed;
        bytes32 datasetRoot;
        bytes32 baseModelRoot;
        bytes32 configRoot;
        bytes32 runtime;
    }

    uint256 public jobCount;
    mapping(uint256 => Job) private jobs;
    mapping(uint256 => mapping(uint256 => bytes32)) private checkpoints;

    event JobCreated(
        uint256 indexed jobId,
        address indexed owner,
        bytes32 datasetRoot,
        bytes32 baseModelRoot,
        bytes32 configRoot,
        bytes32 runtime,
        uint64 seed,
        uint32 segmentSteps,
        uint32 segments
    );
    event CheckpointCommitted(uint256 indexed jobId, uint256 indexed index, bytes32 root);

    error UnknownJob(uint256 jobId);
    error NotJobOwner(uint256 jobId, address owner);
    error WrongCheckpointIndex(uint256 expected, uint256 given);
    error JobComplete(uint256 jobId);
    error ZeroRoot();
    error BadSchedule(uint32 segmentSteps, uint32 segments);

    /// @notice Records a new job and its checkpoint 0 (the initial state); the sender owns it.
    function createJob(
        bytes32 datasetRoot,
        bytes32 baseModelRoot,
        bytes32 configRoot,
        bytes32 runtime,
        uint64 seed,
        uint32 segmentSteps,
        uint32 segments,
        bytes32 initialCheckpoint
    ) external returns (uint256 jobId) {
        if (datasetRoot == 0 || configRoot == 0 || runtime == 0 || initialCheckpoint == 0) revert ZeroRoot();
        if (segmentSteps == 0 || segmentSteps > MAX_SEGMENT_STEPS || segments == 0 || segments > MAX_SEGMENTS) {
            revert BadSchedule(segmentSteps, segments);
        }
        jobId = ++jobCount;
        jobs[jobId] = Job(
            msg.sender, segmentSteps, segments, 1, seed, datasetRoot, baseModelRoot, configRoot, runtime
        );
        checkpoints[jobId][0] = initialCheckpoint;
        emit JobCreated(
            jobId, msg.sender, datasetRoot, baseModelRoot, configRoot, runtime, seed, segmentSteps, segments
        );
        emit CheckpointCommitted(jobId, 0, initialCheckpoint);
    }

    /// @notice Records checkpoint `index` (the state after index * segmentSteps steps); in order, owner only.
    function commitCheckpoint(uint256 jobId, uint256 index, bytes32 root) external {
        Job storage j = existing(jobId);
        if (j.owner != msg.sender) revert NotJobOwner(jobId, j.owner);
        if (j.committed > j.segments) revert JobComplete(jobId);
        if (index != j.committed) revert WrongCheckpointIndex(j.committed, index);
        if (root == 0) revert ZeroRoot();
        checkpoints[jobId][index] = root;
        j.committed += 1;
        emit CheckpointCommitted(jobId, index, root);
    }

    /// @notice The job's record; `committed` counts the checkpoints recorded (checkpoint 0 included).
    function job(uint256 jobId) external view returns (Job memory) {
        return existing(jobId);
    }

    /// @notice The storage root of checkpoint `index`, zero while it is not recorded.
    function checkpoint(uint256 jobId, uint256 index) external view returns (bytes32) {
        existing(jobId);
        return checkpoints[jobId][index];
    }

    function existing(uint256 jobId) private view returns (Job storage j) {
        j = jobs[jobId];
        if (j.owner == address(0)) revert UnknownJob(jobId);
    }
}
