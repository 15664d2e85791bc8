package io.levity.compute.serving;

/** A request the server refuses, with the HTTP status to answer and the reason to show. */
public final class ServingException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public ServingException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status (400, 401, 402, 404, 413, 502, 503...). */
  public int status() {
    return status;
  }
}
