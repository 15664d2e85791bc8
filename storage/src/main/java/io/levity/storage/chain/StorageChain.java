package io.levity.storage.chain;

import io.levity.core.bytes.Bytes32;
import java.util.List;
import java.util.Optional;

/**
 * The storage layer's port to "the chain": what it must be able to record and read there. The
 * storage network trusts nothing a client or another node says unless it can be checked against
 * what this port returns.
 *
 * <p>Adapters: {@code InMemoryStorageChain} (tests, single process) and an adapter over a Levity
 * node's JSON-RPC (the devnet). Implementations must be thread-safe.
 */
public interface StorageChain {

  /**
   * Records a file submission. Idempotent for an identical record; a different record for the same
   * file root is refused with {@link IllegalStateException}. Returns the record as stored.
   */
  Submission submit(Submission submission);

  /** The recorded submission of a file root, if any. */
  Optional<Submission> submission(Bytes32 fileRoot);

  /** Every recorded submission, oldest first (for repair and proof-of-storage challengers). */
  List<Submission> submissions();

  /** Registers (or updates the endpoint of) a storage node. */
  void registerNode(StorageNodeRecord node);

  /** The storage nodes in registration order: the node set placement is computed over. */
  List<StorageNodeRecord> nodes();

  /** The proof-of-storage epoch the chain is in now (starts at 0 and only grows). */
  long currentEpoch();

  /**
   * The randomness of an epoch that has started (for example the hash of the block that opened it);
   * empty for an epoch that has not started yet, so nobody can precompute answers.
   */
  Optional<Bytes32> epochRandomness(long epoch);

  /** Records the outcome of one proof-of-storage challenge. */
  void recordProofResult(ProofRecord record);

  /** The outcomes recorded for an epoch. */
  List<ProofRecord> proofResults(long epoch);
}
