package io.levity.consensus.sim;

/** What a Byzantine validator in the simulator does besides running the protocol. */
public enum Behaviour {
  /** As leader, sends different blocks for the same round to different validators. */
  EQUIVOCATE,
  /** Sends a second, conflicting vote in every round it votes in. */
  DOUBLE_VOTE,
  /** Never sends its votes. */
  WITHHOLD_VOTES,
  /** Corrupts signatures and certificates of some of its messages. */
  INVALID_SIGNATURES,
  /**
   * Replays stale messages, sends far-future rounds, garbage bytes, oversized blocks and bogus sync
   * requests.
   */
  SPAM,
  /**
   * The lock attack. As leader of round r it forms the QC of round r-1 (a commit certificate for
   * the block of round r-2) but shows its proposal to one validator only, so just that one commits.
   * It then times out in r-1 itself, builds the TC of r-1 from the others' timeouts and proposes a
   * block that forks off that committed block, on a QC below the TC's highest QC: refused by the
   * lock, accepted by nodes that ignore it. Its engine's own timeouts are suppressed, since they
   * would carry the hidden QC to everyone.
   */
  FORK
}
