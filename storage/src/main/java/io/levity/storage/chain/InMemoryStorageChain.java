package io.levity.storage.chain;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link StorageChain} held in memory, for tests and single-process use. Thread-safe (every
 * method is synchronized). Registrations need the node key's signature of {@link
 * NodeRegistration#localDigest}, as the registry contract needs it of its digest. The epoch starts
 * at 0 and moves only when {@link #advanceEpoch()} is called; the randomness of epoch e is {@code
 * keccak256(uint64_be(e) || seed)}, so runs with the same seed repeat exactly.
 */
public final class InMemoryStorageChain implements StorageChain {
  private final Bytes32 seed;
  private final Map<Bytes32, Submission> submissions = new LinkedHashMap<>();
  private final Map<Bytes32, StorageNodeRecord> nodes = new LinkedHashMap<>();
  private final Map<Long, List<ProofRecord>> proofs = new LinkedHashMap<>();
  private final List<ReplicaRecord> replicas = new ArrayList<>();
  private final Map<Bytes32, Long> submittedIn = new LinkedHashMap<>();
  private long epoch;

  public InMemoryStorageChain() {
    this(Bytes32.ZERO);
  }

  public InMemoryStorageChain(Bytes32 seed) {
    this.seed = Objects.requireNonNull(seed, "seed");
  }

  /**
   * {@code keccak256(uint64_be(epoch) || seed)}: the epoch randomness of the in-memory and file
   * chains.
   */
  public static Bytes32 randomness(long epoch, Bytes32 seed) {
    byte[] in = new byte[40];
    for (int i = 0; i < 8; i++) in[i] = (byte) (epoch >>> (56 - 8 * i));
    System.arraycopy(seed.unsafeArray(), 0, in, 8, 32);
    return Keccak.hash(in);
  }

  /**
   * Throws unless {@code s} may be recorded next to {@code existing} (absent, or the identical
   * record).
   */
  static void checkSubmission(Submission existing, Submission s) {
    if (existing != null && !existing.equals(s)) {
      throw new IllegalStateException(
          "file "
              + s.fileRoot()
              + " is already recorded with a different record ("
              + existing
              + "); a file root can be submitted only once");
    }
  }

  @Override
  public synchronized Submission submit(Submission submission) {
    Objects.requireNonNull(submission, "submission");
    Submission existing = submissions.get(submission.fileRoot());
    checkSubmission(existing, submission);
    submissions.put(submission.fileRoot(), submission);
    submittedIn.putIfAbsent(submission.fileRoot(), epoch);
    return submission;
  }

  @Override
  public synchronized Optional<Submission> submission(Bytes32 fileRoot) {
    return Optional.ofNullable(submissions.get(fileRoot));
  }

  @Override
  public synchronized List<Submission> submissions() {
    return List.copyOf(submissions.values());
  }

  @Override
  public synchronized OptionalLong submissionEpoch(Bytes32 fileRoot) {
    Long e = submittedIn.get(fileRoot);
    return e == null ? OptionalLong.empty() : OptionalLong.of(e);
  }

  @Override
  public Bytes32 registrationDigest(StorageNodeRecord node) {
    return NodeRegistration.localDigest(node);
  }

  @Override
  public synchronized void registerNode(StorageNodeRecord node, Bytes signature) {
    Objects.requireNonNull(node, "node");
    NodeRegistration.check(registrationDigest(node), node, signature);
    nodes.put(node.nodeId(), node); // an update keeps the node's registration position
  }

  @Override
  public synchronized List<StorageNodeRecord> nodes() {
    return List.copyOf(nodes.values());
  }

  @Override
  public synchronized long currentEpoch() {
    return epoch;
  }

  /** Starts the next epoch and returns its number. */
  public synchronized long advanceEpoch() {
    return ++epoch;
  }

  @Override
  public synchronized Optional<Bytes32> epochRandomness(long e) {
    return e < 0 || e > epoch ? Optional.empty() : Optional.of(randomness(e, seed));
  }

  @Override
  public synchronized void recordProofResult(ProofRecord record) {
    Objects.requireNonNull(record, "record");
    if (record.epoch() < 0 || record.epoch() > epoch) {
      throw new IllegalArgumentException(
          "proof result for epoch " + record.epoch() + ", but the chain is in epoch " + epoch);
    }
    proofs.computeIfAbsent(record.epoch(), e -> new ArrayList<>()).add(record);
  }

  @Override
  public synchronized List<ProofRecord> proofResults(long e) {
    return List.copyOf(proofs.getOrDefault(e, List.of()));
  }

  @Override
  public synchronized void commitReplica(ReplicaRecord replica) {
    Objects.requireNonNull(replica, "replica");
    if (ReplicaRecord.checkNew(replicas, replica, submission(replica.fileRoot()), nodes()))
      replicas.add(replica);
  }

  @Override
  public synchronized Optional<Bytes32> replicaRoot(
      Bytes32 nodeId, Bytes32 fileRoot, int shardIndex) {
    return replicas.stream()
        .filter(r -> r.isFor(nodeId, fileRoot, shardIndex))
        .map(ReplicaRecord::replicaRoot)
        .findFirst();
  }
}
