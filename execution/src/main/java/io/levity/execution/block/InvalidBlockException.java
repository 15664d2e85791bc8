package io.levity.execution.block;

/**
 * A block that cannot be applied: an invalid transaction, a limit exceeded, or a header commitment
 * that differs.
 */
public final class InvalidBlockException extends Exception {
  public InvalidBlockException(String message) {
    super(message);
  }
}
