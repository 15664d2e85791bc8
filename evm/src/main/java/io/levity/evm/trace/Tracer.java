package io.levity.evm.trace;

import io.levity.core.bytes.Address;
import io.levity.core.num.UInt256;
import io.levity.evm.Log;

/**
 * Observes execution step by step. The interpreter calls {@link #beforeOp} before each operation
 * and {@link #afterOp} once the operation has paid its gas (for CALL and CREATE, before the child
 * frame runs) or has failed. When no tracer is installed the interpreter pays one null check per
 * operation.
 *
 * <p>Frame and log events ({@link #enter}, {@link #exit}, {@link #log}) have empty defaults, so a
 * step tracer such as {@link Eip3155Tracer} ignores them.
 */
public interface Tracer {
  /** Frame types for {@link #enter}: the opcodes that start frames. */
  int CREATE = 0xf0;

  int CALL = 0xf1;
  int CALLCODE = 0xf2;
  int DELEGATECALL = 0xf4;
  int CREATE2 = 0xf5;
  int STATICCALL = 0xfa;

  /** A SELFDESTRUCT, reported as a frame of no gas from the contract to the beneficiary. */
  int SELFDESTRUCT = 0xff;

  void beforeOp(StepView step);

  /**
   * Called after each operation, and once more when the frame halts.
   *
   * @param gasCost gas the operation consumed (for calls and creates, including the gas handed to
   *     the child)
   * @param error why the frame halted at this operation, or null
   */
  void afterOp(long gasCost, String error);

  /** The top-level frame finished. */
  default void end(byte[] output, long gasUsed, String error) {}

  /**
   * A frame starts (the transaction's own frame first, at depth 0), after the value moved.
   *
   * @param type one of {@link #CALL}, {@link #CALLCODE}, {@link #DELEGATECALL}, {@link
   *     #STATICCALL}, {@link #CREATE}, {@link #CREATE2}, {@link #SELFDESTRUCT}
   * @param from the caller as the callee sees it
   * @param to the account whose code runs (the code address for CALLCODE and DELEGATECALL)
   * @param value the value the callee sees (CALLVALUE)
   * @param input call data, or initcode for a creation; do not modify
   */
  default void enter(int type, Address from, Address to, UInt256 value, long gas, byte[] input) {}

  /**
   * The frame started by the matching {@link #enter} finished.
   *
   * @param output return or revert data (for a creation, the deployed code); do not modify
   * @param gasUsed gas the frame consumed of what it was given
   * @param error null on success, "execution reverted" on REVERT, else the halt reason
   */
  default void exit(byte[] output, long gasUsed, String error) {}

  /** A LOG operation succeeded in the current frame. */
  default void log(Log log) {}
}
