package io.levity.storage.proof;

/**
 * A challenge or answer whose encoding breaks the format or its size limits; the message says which
 * rule.
 */
public final class ProofFormatException extends RuntimeException {
  public ProofFormatException(String message) {
    super(message);
  }

  public ProofFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
