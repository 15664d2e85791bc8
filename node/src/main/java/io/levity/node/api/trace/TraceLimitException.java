package io.levity.node.api.trace;

/**
 * A trace went past a limit (steps, bytes or time). Thrown from inside the EVM run, which then
 * stops; the state it ran on is a private copy and is dropped.
 */
public final class TraceLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TraceLimitException(String message) {
    super(message);
  }
}
