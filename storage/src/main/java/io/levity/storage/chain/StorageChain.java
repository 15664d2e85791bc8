package io.levity.storage.chain;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

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

  /**
   * The proof-of-storage epoch in which {@code fileRoot} was recorded; empty when it was not. The
   * challenger gives holders a few epochs from then to seal before a missing replica counts.
   */
  OptionalLong submissionEpoch(Bytes32 fileRoot);

  /**
   * What {@code node}'s key must sign to register it (or change its endpoint) through this chain: a
   * {@link NodeRegistration} digest, bound to this chain's registry and the account it writes from.
   */
  Bytes32 registrationDigest(StorageNodeRecord node);

  /**
   * Registers (or updates the endpoint of) a storage node. {@code signature} is the node key's
   * Ed25519 signature of {@link #registrationDigest}; a missing or wrong one is refused ({@link
   * IllegalArgumentException} "bad node signature"), so nobody registers an id whose key they do
   * not hold.
   */
  void registerNode(StorageNodeRecord node, Bytes signature);

  /** Registers the node whose key is {@code nodeKey} at {@code endpoint}, signing with that key. */
  default void registerNode(Ed25519.KeyPair nodeKey, String endpoint) {
    StorageNodeRecord node = new StorageNodeRecord(Bytes32.of32(nodeKey.publicKey()), endpoint);
    registerNode(node, NodeRegistration.sign(nodeKey, registrationDigest(node)));
  }

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

  /**
   * Records a node's commitment to its sealed replica of a shard ({@link ReplicaRecord}). Refused
   * with {@link IllegalArgumentException} for an unknown file, shard or node, and with {@link
   * IllegalStateException} when the node committed another root for that shard; the same record
   * again changes nothing. On a real chain only the account that registered the node commits for
   * it.
   */
  void commitReplica(ReplicaRecord replica);

  /** The replica root {@code nodeId} committed for shard {@code shardIndex} of a file, if any. */
  Optional<Bytes32> replicaRoot(Bytes32 nodeId, Bytes32 fileRoot, int shardIndex);
}
