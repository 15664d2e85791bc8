package io.levity.consensus.safety;

/**
 * Deliberate bugs for testing the simulator's checkers. Only tests set anything but {@link #NONE}:
 * a checker that cannot catch these is not checking.
 */
public enum UnsafeFault {
  NONE,
  /**
   * Vote for a TC-justified block even if it does not extend the highest QC in the TC (ignore the
   * lock).
   */
  IGNORE_LOCK,
  /**
   * Vote again in a round already voted in (equivocate on an equivocating leader's second block).
   */
  VOTE_TWICE
}
