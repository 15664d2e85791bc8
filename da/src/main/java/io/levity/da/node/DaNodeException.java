package io.levity.da.node;

/**
 * A DA node refused a request or could not be reached: the message says which node and why (its
 * HTTP status and error text, a timeout, a connection refused).
 */
public final class DaNodeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The HTTP status, or 0 when there was no answer. */
  private final int status;

  /** With the status (0 when the node did not answer) and the reason. */
  public DaNodeException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status, or 0 when there was no answer. */
  public int status() {
    return status;
  }
}
