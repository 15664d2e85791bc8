package io.levity.da.chain;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.BlsKeyPair;
import io.levity.da.quorum.Quorum;
import java.math.BigInteger;
import java.util.Optional;

/** What DA nodes and clients need of the chain: the DataAvailability contract. */
public interface DaChain {
  /** The contract's address. */
  Address contract();

  /** The chain id (part of every signed message). */
  long chainId();

  /** Blocks per epoch. */
  long epochBlocks();

  /** The epoch of the latest block. */
  long currentEpoch();

  /**
   * The quorum of {@code epoch} (current or earlier): the nodes active in it and its seed, the hash
   * of block {@code epoch * epochBlocks}.
   */
  Quorum quorum(long epoch);

  /**
   * What each signer signs for {@code blobId} in {@code epoch}: {@code keccak256("levity-da-v1" ||
   * uint256(chainId) || contract || blobId || uint64_be(epoch))}, the digest the contract hashes to
   * G1.
   */
  Bytes32 signingMessage(Bytes32 blobId, long epoch);

  /**
   * Registers the caller's DA node: stake sent as value, {@code key}'s public halves with a proof
   * of possession over the message the contract derives from the caller's address and key, the
   * endpoint. Active from the next epoch. Returns the node's registration index.
   */
  int register(BlsKeyPair key, String endpoint, BigInteger stake);

  /**
   * Submits {@code certificate}; returns the certifying transaction's hash once mined. Throws
   * {@link DaChainException} with the contract's reason when refused (under threshold, bad
   * signature, stale epoch, already certified).
   */
  Bytes32 certify(DaCertificate certificate);

  /** {@code checkDACert} as a call: whether the contract would accept {@code certificate}. */
  boolean checkCertificate(DaCertificate certificate);

  /** The record of a certified blob, if it is certified. */
  Optional<CertifiedBlob> certified(Bytes32 blobId);

  /**
   * The certificate that certified {@code blobId}, as the chain holds it (for the contract: decoded
   * from the certifying transaction's input), so anyone can check it again; empty when the blob is
   * not certified.
   */
  Optional<DaCertificate> certificate(Bytes32 blobId);
}
