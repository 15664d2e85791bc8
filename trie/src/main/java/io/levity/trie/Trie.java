package io.levity.trie;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.util.List;
import java.util.Optional;

/**
 * An authenticated map from byte strings to non-empty byte strings whose content is summarised by a
 * 32-byte root hash. Changes stay in memory until {@link #commit()}. Not thread-safe.
 */
public interface Trie {
  /** The value under key, or empty. */
  Optional<Bytes> get(Bytes key);

  /** Sets key to value; an empty value removes the key, as in Ethereum. */
  void put(Bytes key, Bytes value);

  /** Removes key if present. */
  void remove(Bytes key);

  /** The root hash of the current content, committed or not. */
  Bytes32 rootHash();

  /**
   * Writes the nodes created since the last commit to the store in one atomic batch, and returns
   * the root.
   */
  Bytes32 commit();

  /**
   * Stages the nodes created since the last commit into a caller's batch (to commit several tries
   * and other data atomically) and returns the root. The nodes count as persisted from now on: if
   * the batch is then not written, discard this trie and reopen it at the last root that was.
   */
  Bytes32 commit(KeyValueStore.WriteBatch batch);

  /**
   * The RLP of the nodes on key's path, from the root down, leaving out nodes inlined in their
   * parent: the {@code proof} of eth_getProof. It proves key's value, or its absence, against
   * {@link #rootHash()}.
   */
  List<Bytes> proof(Bytes key);
}
