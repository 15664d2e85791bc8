package io.levity.storage.client;

/**
 * A storage operation that cannot be done as asked: no submission for the root, fewer than k shards
 * to be found, no nodes to store on. The message says what was found and what to do.
 */
public class StorageException extends RuntimeException {
  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
