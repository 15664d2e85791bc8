package io.levity.evm;

/** How a frame ended. */
public enum Outcome {
  /** STOP, RETURN or SELFDESTRUCT: changes kept, unused gas returned. */
  SUCCESS,
  /** REVERT: changes undone, unused gas returned, output is the revert data. */
  REVERT,
  /** An exceptional halt: changes undone, all gas consumed. */
  HALT
}
