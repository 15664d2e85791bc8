package io.levity.consensus.sim;

import io.levity.consensus.safety.PersistentSafetyRules;
import io.levity.consensus.safety.SafetyRules;

/**
 * A deliberate bug in the safety rules of the simulated validators, to show that the checkers catch
 * a broken engine: a checker that cannot catch these is not checking. Lives in the simulator only,
 * so no node can run with one.
 */
public enum SafetyFault {
  /** The real rules. */
  NONE,
  /**
   * Vote for a TC-justified block even if it does not extend the highest QC in the TC (ignore the
   * lock).
   */
  IGNORE_LOCK,
  /**
   * Vote again in a round already voted in (equivocate on an equivocating leader's second block).
   */
  VOTE_TWICE;

  /** The safety rules the simulated engines sign with. */
  public SafetyRules.Factory rules() {
    if (this == NONE) return PersistentSafetyRules::new;
    return (store, signer, initial) -> new FaultySafetyRules(this, store, signer, initial);
  }
}
