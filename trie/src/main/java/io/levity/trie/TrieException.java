package io.levity.trie;

/** A trie node could not be read: malformed or non-canonical node data. */
public class TrieException extends RuntimeException {
  public TrieException(String message) {
    super(message);
  }

  public TrieException(String message, Throwable cause) {
    super(message, cause);
  }
}
