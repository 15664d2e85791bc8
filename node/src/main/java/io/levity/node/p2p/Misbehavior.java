package io.levity.node.p2p;

/** Kinds of peer misbehavior and the score each one costs (see {@link PeerScores}). */
public enum Misbehavior {
  /** A frame that does not decode: empty, bad RLP, fields out of range. */
  MALFORMED_MESSAGE(100),
  /** A frame longer than the frame limit or a message body over its type's limit. */
  OVERSIZED_MESSAGE(100),
  /** A message type byte this node does not know. */
  UNKNOWN_MESSAGE_TYPE(100),
  /**
   * A well-formed message that is not allowed now (a second Hello, an Auth after the handshake).
   */
  UNEXPECTED_MESSAGE(50),
  /**
   * Reported by block sync: the peer announced blocks it then did not send, or sent blocks that do
   * not verify. One is enough to ban: an honest node never announces a height it cannot prove.
   */
  FALSE_CLAIM(100),
  /** Reported by block sync: a block request went unanswered (two in a row ban). */
  UNANSWERED_REQUEST(50),
  /** Reported by upper layers: the content is invalid (bad transaction signature, bad vote). */
  INVALID_DATA(25),
  /** Reported by upper layers: useless but harmless (a stale or already-known item). */
  USELESS_DATA(5);

  private final int penalty;

  Misbehavior(int penalty) {
    this.penalty = penalty;
  }

  public int penalty() {
    return penalty;
  }
}
