package io.levity.trie;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.util.List;
import java.util.Optional;

/**
 * A trie keyed by keccak256(key), as Ethereum's state and storage tries are: paths have a fixed
 * length of 64 nibbles and an attacker cannot choose them. Ordered access on {@link #raw()} is by
 * hashed key; preimages are not kept.
 */
public final class SecureTrie implements Trie {
  private final MerklePatriciaTrie trie;

  public SecureTrie(MerklePatriciaTrie trie) {
    this.trie = trie;
  }

  public static SecureTrie empty(KeyValueStore store) {
    return new SecureTrie(MerklePatriciaTrie.empty(store));
  }

  public static SecureTrie open(KeyValueStore store, Bytes32 root) {
    return new SecureTrie(MerklePatriciaTrie.open(store, root));
  }

  /** The underlying trie, keyed by hashed keys. */
  public MerklePatriciaTrie raw() {
    return trie;
  }

  /** The path key for a caller's key: keccak256(key). */
  public static Bytes32 hashKey(Bytes key) {
    return Keccak.hash(key);
  }

  /** Verifies a proof from {@link #proof} for the unhashed key. */
  public static Optional<Bytes> verifyProof(Bytes32 root, Bytes key, List<Bytes> proof) {
    return MerklePatriciaTrie.verifyProof(root, hashKey(key), proof);
  }

  @Override
  public Optional<Bytes> get(Bytes key) {
    return trie.get(hashKey(key));
  }

  @Override
  public void put(Bytes key, Bytes value) {
    trie.put(hashKey(key), value);
  }

  @Override
  public void remove(Bytes key) {
    trie.remove(hashKey(key));
  }

  @Override
  public Bytes32 rootHash() {
    return trie.rootHash();
  }

  @Override
  public Bytes32 commit() {
    return trie.commit();
  }

  @Override
  public Bytes32 commit(KeyValueStore.WriteBatch batch) {
    return trie.commit(batch);
  }

  @Override
  public List<Bytes> proof(Bytes key) {
    return trie.proof(hashKey(key));
  }
}
