package io.levity.storage.proof;

/** Why a proof-of-storage answer failed; {@link #label()} is the stable text recorded on chain. */
public enum FailureReason {
  /**
   * The node did not answer: unreachable, timed out, refused, or reported that it lacks the shard.
   */
  NO_ANSWER("no answer"),
  /** The encoding is longer than {@link Answer#MAX_ENCODED_BYTES}. */
  OVERSIZED("oversized answer"),
  /** The encoding breaks the wire format. */
  MALFORMED("malformed answer"),
  /** The answer names another epoch (for example one replayed from an earlier epoch). */
  WRONG_EPOCH("wrong epoch"),
  /** The answer names another node than the one challenged. */
  WRONG_NODE("wrong node"),
  /** The answer names another file. */
  WRONG_FILE("wrong file"),
  /** The answer names another shard of the file. */
  WRONG_SHARD("wrong shard"),
  /** The shard roots given are not k + m roots hashing to the recorded shard commitment. */
  ROOTS_MISMATCH("shard roots do not match the commitment"),
  /** The answer holds another number of sectors than the challenge asked for. */
  WRONG_SECTOR_COUNT("wrong sector count"),
  /** A sector's index is not the one the challenge derives at its position. */
  WRONG_SECTOR_INDEX("wrong sector index"),
  /** A sector's proof does not lead to the shard's root. */
  BAD_PROOF("bad proof"),
  /** The signature is not the challenged node's over the answer's digest. */
  BAD_SIGNATURE("bad signature"),
  /** A sealed challenge, but the node has committed no replica of the shard on chain. */
  NO_REPLICA("no replica"),
  /** A replica sector does not unseal to the shard's sector (io.levity.storage.seal). */
  BAD_SEAL("bad seal");

  /** How the reason reads in a recorded result ({@code Verdict#describe}). */
  private final String label;

  FailureReason(String label) {
    this.label = label;
  }

  /** The reason as a recorded result states it, e.g. "bad proof". */
  public String label() {
    return label;
  }
}
