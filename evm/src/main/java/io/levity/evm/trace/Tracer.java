package io.levity.evm.trace;

/**
 * Observes execution step by step. The interpreter calls {@link #beforeOp} before each operation
 * and {@link #afterOp} once the operation has paid its gas (for CALL and CREATE, before the child
 * frame runs) or has failed. When no tracer is installed the interpreter pays one null check per
 * operation.
 */
public interface Tracer {
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
}
