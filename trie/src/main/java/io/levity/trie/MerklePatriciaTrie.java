package io.levity.trie;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.rlp.Rlp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Ethereum's hexary Merkle-Patricia trie (Yellow Paper appendix D) over a {@link KeyValueStore}.
 *
 * <p>Nodes are loaded from the store lazily by hash and kept in memory once loaded. Each node
 * caches its hash (and its RLP when that is inlined in the parent); an update invalidates only the
 * nodes on the key's path, so computing the root re-hashes only those, and {@link #commit()} writes
 * only nodes created since the last commit, in one atomic batch. Committed nodes are never changed
 * in place (an update copies them); uncommitted ones are. Nothing is ever deleted from the store
 * (no pruning), so every committed root stays readable. Not thread-safe.
 */
public final class MerklePatriciaTrie implements Trie {
  /** keccak(rlp("")): the root of the empty trie. */
  public static final Bytes32 EMPTY_ROOT = Keccak.hash(Bytes.wrap(Rlp.emptyString()));

  private final KeyValueStore store;
  private final NodeSource source;
  private final TrieUpdate update;
  private Node root;

  private MerklePatriciaTrie(KeyValueStore store, Node root) {
    this.store = store;
    this.source = hash -> store.get(hash).orElseThrow(() -> new MissingNodeException(hash));
    this.update = new TrieUpdate(source);
    this.root = root;
  }

  /** An empty trie that commits to store. */
  public static MerklePatriciaTrie empty(KeyValueStore store) {
    return new MerklePatriciaTrie(store, null);
  }

  /** An empty trie over a fresh in-memory store. */
  public static MerklePatriciaTrie inMemory() {
    return empty(new InMemoryKeyValueStore());
  }

  /**
   * The trie with the given root, as committed to store. The root node is loaded now, so a wrong
   * root or store fails here with {@link MissingNodeException}; the rest is loaded as it is used.
   */
  public static MerklePatriciaTrie open(KeyValueStore store, Bytes32 root) {
    if (root.equals(EMPTY_ROOT)) return empty(store);
    MerklePatriciaTrie t = new MerklePatriciaTrie(store, new Node.HashRef(root.toArray()));
    t.source.resolve(t.root);
    return t;
  }

  /**
   * Checks a proof (as from {@link #proof}) of key against root: returns key's value, or empty when
   * the proof shows that key is absent.
   *
   * @throws InvalidProofException when the proof is incomplete, altered, malformed or for another
   *     root
   */
  public static Optional<Bytes> verifyProof(Bytes32 root, byte[] key, List<Bytes> proof) {
    return TrieProofs.verify(root, key, proof);
  }

  public static Optional<Bytes> verifyProof(Bytes32 root, Bytes key, List<Bytes> proof) {
    return TrieProofs.verify(root, key.unsafeArray(), proof);
  }

  public KeyValueStore store() {
    return store;
  }

  public boolean isEmpty() {
    return root == null;
  }

  @Override
  public Optional<Bytes> get(Bytes key) {
    byte[] v = find(key.unsafeArray());
    return v == null ? Optional.empty() : Optional.of(Bytes.wrap(v));
  }

  /**
   * The value under key, or null: the allocation-free form of {@link #get(Bytes)}. Do not modify
   * the result.
   */
  public byte[] get(byte[] key) {
    return find(key);
  }

  @Override
  public void put(Bytes key, Bytes value) {
    if (value.isEmpty()) {
      remove(key);
    } else {
      root = update.put(root, Nibbles.fromBytes(key.unsafeArray()), value.unsafeArray());
    }
  }

  /** Sets key to a copy of value; an empty value removes the key. */
  public void put(byte[] key, byte[] value) {
    if (value.length == 0) {
      remove(key);
    } else {
      root = update.put(root, Nibbles.fromBytes(key), value.clone());
    }
  }

  @Override
  public void remove(Bytes key) {
    remove(key.unsafeArray());
  }

  public void remove(byte[] key) {
    root = update.remove(root, Nibbles.fromBytes(key));
  }

  @Override
  public Bytes32 rootHash() {
    return root == null ? EMPTY_ROOT : Bytes32.wrap32(NodeCodec.hash(root));
  }

  @Override
  public Bytes32 commit() {
    if (root == null || !root.dirty) return rootHash();
    try (KeyValueStore.WriteBatch batch = store.newBatch()) {
      List<Node> staged = stage(batch);
      batch.write();
      // only once the batch is durable: a failed write leaves the nodes dirty for a retry
      markCommitted(staged);
    }
    return rootHash();
  }

  @Override
  public Bytes32 commit(KeyValueStore.WriteBatch batch) {
    if (root != null && root.dirty) markCommitted(stage(batch));
    return rootHash();
  }

  /**
   * Encodes, hashes and stages every dirty node bottom-up, each once; returns them to be marked
   * clean.
   */
  private List<Node> stage(KeyValueStore.WriteBatch batch) {
    List<Node> dirty = new ArrayList<>();
    stage(root, batch, dirty);
    return dirty;
  }

  private void stage(Node n, KeyValueStore.WriteBatch batch, List<Node> dirty) {
    if (n == null || !n.dirty) return; // a clean node has no dirty descendants
    if (n instanceof Node.Branch b) {
      for (Node c : b.children) stage(c, batch, dirty);
    } else if (n instanceof Node.Extension x) {
      stage(x.child, batch, dirty);
    }
    // Inline nodes live inside their parent's RLP; the root is stored under its hash even when
    // small.
    byte[] rlp = n.pendingRlp != null ? n.pendingRlp : NodeCodec.encode(n);
    n.pendingRlp = null;
    if (rlp.length >= 32 || n == root) batch.put(NodeCodec.hash(n, rlp), rlp);
    dirty.add(n);
  }

  private static void markCommitted(List<Node> nodes) {
    for (Node n : nodes) n.dirty = false;
  }

  @Override
  public List<Bytes> proof(Bytes key) {
    return proof(key.unsafeArray());
  }

  public List<Bytes> proof(byte[] key) {
    List<Bytes> out = new ArrayList<>();
    int total = key.length * 2;
    int pos = 0;
    Node n = root;
    while (n != null) {
      n = source.resolve(n);
      if (out.isEmpty() || !NodeCodec.isInline(n)) out.add(Bytes.wrap(NodeCodec.encode(n)));
      if (n instanceof Node.Extension x) {
        if (!pathAt(x.path, key, pos)) break;
        pos += x.path.length;
        n = x.child;
      } else if (n instanceof Node.Branch b) {
        if (pos == total) break;
        n = b.children[Nibbles.at(key, pos++)];
      } else {
        break;
      }
    }
    return out;
  }

  // ---- ordered access

  /** A key and its value. */
  public record Entry(Bytes key, Bytes value) {}

  /** The smallest key strictly greater than key, or empty. */
  public Optional<Bytes> nextKey(Bytes key) {
    return higher(key, false).map(Entry::key);
  }

  /** The largest key strictly smaller than key, or empty. */
  public Optional<Bytes> prevKey(Bytes key) {
    return lower(key, false).map(Entry::key);
  }

  /** The entry with the smallest key greater than (or, when inclusive, equal to) key. */
  public Optional<Entry> higher(Bytes key, boolean inclusive) {
    return Optional.ofNullable(
        new TrieOrder(source).higher(root, Nibbles.fromBytes(key.unsafeArray()), inclusive));
  }

  /** The entry with the largest key smaller than (or, when inclusive, equal to) key. */
  public Optional<Entry> lower(Bytes key, boolean inclusive) {
    return Optional.ofNullable(
        new TrieOrder(source).lower(root, Nibbles.fromBytes(key.unsafeArray()), inclusive));
  }

  /** Every entry in ascending (unsigned lexicographic) key order. */
  public void forEach(BiConsumer<Bytes, Bytes> action) {
    new TrieOrder(source).forEach(root, action);
  }

  /**
   * Entries with keys >= from, in ascending key order, found one at a time (the trie must not
   * change meanwhile).
   */
  public Iterator<Entry> iterator(Bytes from) {
    return new Iterator<>() {
      private Entry next = higher(from, true).orElse(null);

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Entry next() {
        if (next == null) throw new NoSuchElementException();
        Entry e = next;
        next = higher(e.key(), false).orElse(null);
        return e;
      }
    };
  }

  // ---- lookup

  private byte[] find(byte[] key) {
    int total = key.length * 2;
    int pos = 0;
    Node n = root;
    while (n != null) {
      n = source.resolve(n);
      if (n instanceof Node.Leaf l) {
        return l.path.length == total - pos && pathAt(l.path, key, pos) ? l.value : null;
      } else if (n instanceof Node.Extension x) {
        if (!pathAt(x.path, key, pos)) return null;
        pos += x.path.length;
        n = x.child;
      } else {
        Node.Branch b = (Node.Branch) n;
        if (pos == total) return b.value;
        n = b.children[Nibbles.at(key, pos++)];
      }
    }
    return null;
  }

  /** True when the nibbles of key from pos start with path. */
  private static boolean pathAt(byte[] path, byte[] key, int pos) {
    if (path.length > key.length * 2 - pos) return false;
    for (int i = 0; i < path.length; i++) if (path[i] != Nibbles.at(key, pos + i)) return false;
    return true;
  }
}
