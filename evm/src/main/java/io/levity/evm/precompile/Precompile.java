package io.levity.evm.precompile;

/** A precompiled contract: its gas price for an input, and its result. */
public interface Precompile {
  /** Gas this call costs for the given input (may exceed any gas limit; the caller compares). */
  long gas(byte[] input);

  /**
   * The output, or {@code null} when the input is invalid and the call fails (consuming all its
   * gas).
   */
  byte[] run(byte[] input);
}
