package io.levity.storage.proof;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.ProofRecord;
import io.levity.storage.chain.StorageChain;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A minimal in-memory chain for the challenger tests: epochs and their randomness are set by the test. */
final class FakeStorageChain implements StorageChain {
  private final Map<Bytes32, Submission> files = new LinkedHashMap<>();
  private final Map<Bytes32, StorageNodeRecord> nodes = new LinkedHashMap<>();
  private final Map<Long, Bytes32> randomness = new HashMap<>();
  private final List<ProofRecord> proofs = new ArrayList<>();
  private long epoch;

  synchronized void startEpoch(long e, Bytes32 r) {
    epoch = e;
    randomness.put(e, r);
  }

  synchronized List<ProofRecord> allProofs() {
    return List.copyOf(proofs);
  }

  @Override
  public synchronized Submission submit(Submission s) {
    Submission old = files.putIfAbsent(s.fileRoot(), s);
    if (old != null && !old.equals(s)) throw new IllegalStateException("different record for " + s.fileRoot());
    return files.get(s.fileRoot());
  }

  @Override
  public synchronized Optional<Submission> submission(Bytes32 fileRoot) {
    return Optional.ofNullable(files.get(fileRoot));
  }

  @Override
  public synchronized List<Submission> submissions() {
    return List.copyOf(files.values());
  }

  @Override
  public synchronized void registerNode(StorageNodeRecord node) {
    nodes.put(node.nodeId(), node);
  }

  @Override
  public synchronized List<StorageNodeRecord> nodes() {
    return List.copyOf(nodes.values());
  }

  @Override
  public synchronized long currentEpoch() {
    return epoch;
  }

  @Override
  public synchronized Optional<Bytes32> epochRandomness(long e) {
    return Optional.ofNullable(randomness.get(e));
  }

  @Override
  public synchronized void recordProofResult(ProofRecord record) {
    proofs.add(record);
  }

  @Override
  public synchronized List<ProofRecord> proofResults(long e) {
    return proofs.stream().filter(p -> p.epoch() == e).toList();
  }
}
