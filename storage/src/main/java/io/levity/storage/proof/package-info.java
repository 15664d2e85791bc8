/**
 * Proofs of storage: per epoch, every node holding a shard is challenged on a few sectors derived
 * from the epoch's randomness and its own id ({@link io.levity.storage.proof.Challenge}), answers
 * with the sectors, their Merkle proofs and a signature ({@link io.levity.storage.proof.Answer},
 * built by {@link io.levity.storage.proof.Prover}), and {@link
 * io.levity.storage.proof.ProofVerifier} checks the answer against the chain's record. {@link
 * io.levity.storage.proof.EpochChallenger} runs an epoch and records the outcomes. See
 * docs/storage-proofs.md.
 */
package io.levity.storage.proof;
