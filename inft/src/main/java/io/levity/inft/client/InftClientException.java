package io.levity.inft.client;

/** A user operation that cannot be done, with a one-line reason (a revert decoded, a bad input). */
public final class InftClientException extends RuntimeException {
  public InftClientException(String message) {
    super(message);
  }

  public InftClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
