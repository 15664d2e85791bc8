package io.levity.storage.proof;

import static io.levity.storage.proof.FailureReason.BAD_PROOF;
import static io.levity.storage.proof.FailureReason.BAD_SIGNATURE;
import static io.levity.storage.proof.FailureReason.MALFORMED;
import static io.levity.storage.proof.FailureReason.OVERSIZED;
import static io.levity.storage.proof.FailureReason.ROOTS_MISMATCH;
import static io.levity.storage.proof.FailureReason.WRONG_EPOCH;
import static io.levity.storage.proof.FailureReason.WRONG_FILE;
import static io.levity.storage.proof.FailureReason.WRONG_NODE;
import static io.levity.storage.proof.FailureReason.WRONG_SECTOR_COUNT;
import static io.levity.storage.proof.FailureReason.WRONG_SECTOR_INDEX;
import static io.levity.storage.proof.FailureReason.WRONG_SHARD;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.storage.chain.Submission;
import io.levity.storage.layout.SectorProofVerifier;
import java.util.List;

/**
 * Checks an answer against what the chain knows: the file's {@link Submission} and the {@link
 * Challenge} derived from the epoch's randomness. Pure and deterministic (no I/O, no clock), so it
 * is the routine a chain would run; the checks and their order are in docs/storage-proofs.md. A
 * challenge that does not belong to the submission is the caller's mistake and throws {@link
 * IllegalArgumentException}; everything the node sent yields a {@link Verdict}, never an exception.
 */
public final class ProofVerifier {
  private ProofVerifier() {}

  /**
   * Verifies an answer as received: size and format first, then {@link #verify(Submission,
   * Challenge, Answer)}.
   */
  public static Verdict verify(Submission file, Challenge challenge, byte[] encodedAnswer) {
    checkChallenge(file, challenge);
    Decoded d = decode(encodedAnswer);
    return d.refusal() != null ? d.refusal() : verify(file, challenge, d.answer());
  }

  /** An answer as decoded, or the verdict refusing its encoding. */
  record Decoded(Answer answer, Verdict refusal) {}

  static Decoded decode(byte[] encodedAnswer) {
    if (encodedAnswer.length > Answer.MAX_ENCODED_BYTES) {
      return new Decoded(
          null,
          Verdict.fail(
              OVERSIZED,
              encodedAnswer.length + " bytes, the limit is " + Answer.MAX_ENCODED_BYTES));
    }
    try {
      return new Decoded(Answer.decode(encodedAnswer), null);
    } catch (ProofFormatException e) {
      return new Decoded(null, Verdict.fail(MALFORMED, e.getMessage()));
    }
  }

  /** Verifies a decoded answer. */
  public static Verdict verify(Submission file, Challenge challenge, Answer answer) {
    checkChallenge(file, challenge);
    if (challenge.sealed())
      throw new IllegalArgumentException("a sealed challenge is verified by SealedProofs");
    Verdict header = header(file, challenge, answer);
    if (header != null) return header;
    List<Long> expected = challenge.sectors();
    List<Answer.Sector> sectors = answer.sectors();
    if (sectors.size() != expected.size()) {
      return Verdict.fail(
          WRONG_SECTOR_COUNT, sectors.size() + " sectors, challenged " + expected.size());
    }
    Bytes32 shardRoot = answer.shardRoots().get(challenge.shardIndex());
    for (int j = 0; j < expected.size(); j++) {
      Answer.Sector s = sectors.get(j);
      if (s.index() != expected.get(j)) {
        return Verdict.fail(
            WRONG_SECTOR_INDEX,
            "position " + j + " holds sector " + s.index() + ", challenged " + expected.get(j));
      }
      if (!SectorProofVerifier.verify(
          shardRoot, challenge.shardLength(), s.data().unsafeArray(), s.proof())) {
        return Verdict.fail(
            BAD_PROOF,
            "sector "
                + s.index()
                + " (position "
                + j
                + ") does not verify against shard root "
                + shardRoot);
      }
    }
    return signature(challenge, answer);
  }

  /** {@code PASS} when the challenged node signed the answer's digest. */
  static Verdict signature(Challenge challenge, Answer answer) {
    Bytes32 digest = answer.digest(challenge.randomness());
    if (!Ed25519.verify(
        challenge.nodeId().unsafeArray(), digest.unsafeArray(), answer.signature().unsafeArray())) {
      return Verdict.fail(BAD_SIGNATURE, "not signed by " + challenge.nodeId());
    }
    return Verdict.PASS;
  }

  /**
   * The first failure among the checks every answer passes before its sectors (epoch, node, file,
   * shard, roots against the commitment), or null.
   */
  static Verdict header(Submission file, Challenge challenge, Answer answer) {
    if (answer.epoch() != challenge.epoch()) {
      return Verdict.fail(
          WRONG_EPOCH,
          "answer for epoch " + answer.epoch() + ", challenged in " + challenge.epoch());
    }
    if (!answer.nodeId().equals(challenge.nodeId())) {
      return Verdict.fail(
          WRONG_NODE, "answer by " + answer.nodeId() + ", challenged " + challenge.nodeId());
    }
    if (!answer.fileRoot().equals(challenge.fileRoot())) {
      return Verdict.fail(WRONG_FILE, "answer for file " + answer.fileRoot());
    }
    if (answer.shardIndex() != challenge.shardIndex()) {
      return Verdict.fail(
          WRONG_SHARD,
          "answer for shard " + answer.shardIndex() + ", challenged " + challenge.shardIndex());
    }
    int shards = file.dataShards() + file.parityShards();
    List<Bytes32> roots = answer.shardRoots();
    if (roots.size() != shards) {
      return Verdict.fail(
          ROOTS_MISMATCH, roots.size() + " shard roots, the file has " + shards + " shards");
    }
    if (!ShardGeometry.commitment(file.dataShards(), file.parityShards(), roots)
        .equals(file.shardCommitment())) {
      return Verdict.fail(
          ROOTS_MISMATCH, "the roots hash to another commitment than " + file.shardCommitment());
    }
    return null;
  }

  static void checkChallenge(Submission file, Challenge challenge) {
    if (!challenge.fileRoot().equals(file.fileRoot())) {
      throw new IllegalArgumentException(
          "challenge for file " + challenge.fileRoot() + ", submission of " + file.fileRoot());
    }
    if (challenge.shardIndex() >= file.dataShards() + file.parityShards()) {
      throw new IllegalArgumentException(
          "challenge for shard "
              + challenge.shardIndex()
              + " of a file with "
              + (file.dataShards() + file.parityShards())
              + " shards");
    }
    if (challenge.shardLength() != ShardGeometry.shardLength(file)) {
      throw new IllegalArgumentException(
          "challenge for a shard of "
              + challenge.shardLength()
              + " bytes, the file's"
              + " shards are "
              + ShardGeometry.shardLength(file));
    }
  }
}
