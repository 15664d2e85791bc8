package io.levity.consensus.sim;

/** Something a checker caught: which property broke and how. */
public record Violation(Kind kind, String detail) {
  /** The property that broke. */
  public enum Kind {
    /**
     * Two honest nodes committed different blocks at one height, or a node's chain is not a chain.
     */
    SAFETY,
    /** An honest node saw a commit certificate conflicting with its ledger. */
    CONFLICTING_COMMIT,
    /** An honest key signed two different votes (or proposals) for one round. */
    HONEST_EQUIVOCATION,
    /**
     * An honest node holds equivocation evidence against an honest validator: a false accusation,
     * or an honest key that really signed twice.
     */
    EVIDENCE_AGAINST_HONEST,
    /** Commits did not resume within the bound after the network stabilised. */
    LIVENESS,
    /** A node forgot or rewrote a commit across a restart. */
    DURABILITY,
    /** The run exceeded its event budget (a livelock or a runaway). */
    BUDGET
  }

  @Override
  public String toString() {
    return kind + ": " + detail;
  }
}
