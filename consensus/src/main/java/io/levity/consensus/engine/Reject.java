package io.levity.consensus.engine;

/** Why an incoming message was dropped before it touched the engine's state. */
public enum Reject {
  WRONG_EPOCH,
  NOT_A_MEMBER,
  NOT_THE_LEADER,
  BAD_SIGNATURE,
  BAD_CERTIFICATE,
  MALFORMED,
  UNJUSTIFIED_ROUND,
  STALE,
  TOO_FAR_AHEAD,
  TOO_LARGE,
  NOT_FOR_ME,
  DUPLICATE,
  UNSOLICITED,
  REFUSED_BY_SAFETY_RULES
}
