package io.levity.consensus.message;

/**
 * Bytes from the network that are not a well-formed, size-bounded consensus message. Drop them and
 * the peer's credit.
 */
public final class MalformedMessageException extends Exception {
  public MalformedMessageException(String message) {
    super(message);
  }
}
