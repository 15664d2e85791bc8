package io.levity.trie;

import io.levity.core.bytes.Hex;

/**
 * A node referenced by hash is not in the store: the root is wrong, the store is not the one the
 * trie was committed to, or the store lost data. Not recoverable by retrying.
 */
public final class MissingNodeException extends TrieException {
  private final byte[] hash;

  public MissingNodeException(byte[] hash) {
    super(
        "trie node "
            + Hex.encode(hash)
            + " is not in the store (wrong root, wrong store, or lost data)");
    this.hash = hash.clone();
  }

  public byte[] hash() {
    return hash.clone();
  }
}
