package io.levity.evm.trace;

import io.levity.core.bytes.Address;
import io.levity.core.num.UInt256;

/** A read-only view of a frame just before an operation executes, for tracers. */
public interface StepView {
  int pc();

  int opcode();

  String opName();

  /** Gas left before the operation. */
  long gas();

  /** Call depth, 1 for the transaction's top-level frame (as EIP-3155 counts). */
  int depth();

  /** Active memory size in bytes. */
  long memorySize();

  /**
   * The memory's backing array: its first {@link #memorySize()} bytes are the active memory (it may
   * be longer); do not modify.
   */
  byte[] memory();

  int stackSize();

  /**
   * Limb {@code limb} (0 = least significant) of stack item {@code index}, counted from the bottom.
   */
  long stackLimb(int index, int limb);

  /** The return data buffer (from the last call); do not modify. */
  byte[] returnData();

  /**
   * For an operation that halted the frame: the gas go-ethereum reports as its cost, what it had
   * charged before failing plus the cost it could not pay (0 for an invalid opcode or a stack
   * error, the constant gas when a cost overflowed). Only meaningful right after the halting step.
   *
   * @param gasBefore the gas before the operation ({@link #gas()} at the step)
   */
  long haltedCost(long gasBefore);

  /**
   * For a CALL that failed before its frame started (depth limit, balance below the value): the gas
   * that was handed over and came straight back, which go-ethereum counts in the step's cost; else
   * 0. Only meaningful right after the step.
   */
  long returnedCallGas();

  /** The transaction's refund counter. */
  long refund();

  /** The account whose storage the code acts on. */
  Address address();

  /** The current value of a storage slot of {@link #address()}. */
  UInt256 storage(UInt256 key);
}
