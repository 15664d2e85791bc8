package io.levity.execution.block;

/**
 * Told by {@link BlockBuilder} when each phase of a build ends, so a benchmark can time the phases
 * with its own clock; it must not touch the block or the world. {@link #NONE} by default.
 */
@FunctionalInterface
public interface BuildObserver {
  /** Ignores every phase. */
  BuildObserver NONE = phase -> {};

  /** The phases of a build, in order. */
  enum Phase {
    /** Every candidate was applied (or dropped); the state root is next. */
    TRANSACTIONS,
    /** The state root is computed; the receipts, transactions root and bloom are next. */
    STATE_ROOT
  }

  void ended(Phase phase);
}
