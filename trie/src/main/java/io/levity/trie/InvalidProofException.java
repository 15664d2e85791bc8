package io.levity.trie;

/**
 * A Merkle proof does not prove anything about the given root: a node is missing, altered or
 * malformed.
 */
public final class InvalidProofException extends TrieException {
  public InvalidProofException(String message) {
    super(message);
  }

  public InvalidProofException(String message, Throwable cause) {
    super(message, cause);
  }
}
