package io.levity.trie;

/**
 * A key-value store failed or was used after it was closed; the message says which store and what
 * failed.
 */
public final class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
