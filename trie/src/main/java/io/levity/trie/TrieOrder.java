package io.levity.trie;

import io.levity.core.bytes.Bytes;
import java.util.function.BiConsumer;

/**
 * Ordered searches over trie nodes. Nibble order is byte order, and a branch's own value (a key
 * that is a prefix of the keys below it) sorts before its children, so an in-order walk visits keys
 * in unsigned lexicographic order. Each search descends along the target's path and falls back to
 * the nearest sibling subtree: O(depth) node visits.
 */
final class TrieOrder {
  private final NodeSource source;

  TrieOrder(NodeSource source) {
    this.source = source;
  }

  MerklePatriciaTrie.Entry higher(Node root, byte[] target, boolean inclusive) {
    return nearest(root, Nibbles.EMPTY, target, inclusive, true);
  }

  MerklePatriciaTrie.Entry lower(Node root, byte[] target, boolean inclusive) {
    return nearest(root, Nibbles.EMPTY, target, inclusive, false);
  }

  void forEach(Node n, BiConsumer<Bytes, Bytes> action) {
    walk(n, Nibbles.EMPTY, action);
  }

  private void walk(Node n, byte[] prefix, BiConsumer<Bytes, Bytes> action) {
    if (n == null) return;
    n = source.resolve(n);
    if (n instanceof Node.Leaf l) {
      action.accept(key(prefix, l.path), Bytes.wrap(l.value));
    } else if (n instanceof Node.Extension x) {
      walk(x.child, Nibbles.concat(prefix, x.path), action);
    } else {
      Node.Branch b = (Node.Branch) n;
      if (b.value != null) action.accept(key(prefix, Nibbles.EMPTY), Bytes.wrap(b.value));
      for (int i = 0; i < 16; i++) walk(b.children[i], Nibbles.append(prefix, i), action);
    }
  }

  /**
   * The entry nearest to target above it (up) or below it, or equal to it when inclusive.
   * Invariant: every key under n starts with prefix, and prefix equals target[0..prefix.length).
   * Comparisons are multiplied by the direction, so "positive" means "on the side we look at".
   */
  private MerklePatriciaTrie.Entry nearest(
      Node n, byte[] prefix, byte[] target, boolean inclusive, boolean up) {
    if (n == null) return null;
    n = source.resolve(n);
    int pos = prefix.length;
    int dir = up ? 1 : -1;
    if (n instanceof Node.Leaf l) {
      int c = dir * Nibbles.compare(l.path, target, pos);
      return c > 0 || (inclusive && c == 0) ? entry(prefix, l.path, l.value) : null;
    }
    if (n instanceof Node.Extension x) {
      int c = dir * comparePrefix(x.path, target, pos);
      if (c < 0) return null;
      byte[] p = Nibbles.concat(prefix, x.path);
      return c > 0 ? edge(x.child, p, up) : nearest(x.child, p, target, inclusive, up);
    }
    Node.Branch b = (Node.Branch) n;
    // The branch's own value is the key prefix itself, which sorts before every child.
    if (pos == target.length) { // the target is the prefix: every child key is greater
      if (inclusive && b.value != null) return entry(prefix, Nibbles.EMPTY, b.value);
      return up ? sibling(b, prefix, 0, true) : null;
    }
    int t = target[pos];
    MerklePatriciaTrie.Entry e =
        nearest(b.children[t], Nibbles.append(prefix, t), target, inclusive, up);
    if (e != null) return e;
    e = sibling(b, prefix, t + dir, up);
    if (e != null || up || b.value == null) return e;
    return entry(prefix, Nibbles.EMPTY, b.value);
  }

  /** The edge entry of the first non-empty child from index from on, in the direction. */
  private MerklePatriciaTrie.Entry sibling(Node.Branch b, byte[] prefix, int from, boolean up) {
    for (int i = from; i >= 0 && i < 16; i += up ? 1 : -1) {
      MerklePatriciaTrie.Entry e = edge(b.children[i], Nibbles.append(prefix, i), up);
      if (e != null) return e;
    }
    return null;
  }

  /**
   * The smallest or largest entry under n. A branch's own value sorts before its children: it is
   * the smallest entry when it has one, and the largest only when it has no children.
   */
  private MerklePatriciaTrie.Entry edge(Node n, byte[] prefix, boolean smallest) {
    while (n != null) {
      n = source.resolve(n);
      if (n instanceof Node.Leaf l) return entry(prefix, l.path, l.value);
      if (n instanceof Node.Extension x) {
        prefix = Nibbles.concat(prefix, x.path);
        n = x.child;
      } else {
        Node.Branch b = (Node.Branch) n;
        if (smallest && b.value != null) return entry(prefix, Nibbles.EMPTY, b.value);
        int step = smallest ? 1 : -1;
        int i = smallest ? 0 : 15;
        while (i >= 0 && i < 16 && b.children[i] == null) i += step;
        if (i < 0 || i == 16) {
          return smallest || b.value == null ? null : entry(prefix, Nibbles.EMPTY, b.value);
        }
        prefix = Nibbles.append(prefix, i);
        n = b.children[i];
      }
    }
    return null;
  }

  /**
   * Compares path with target[pos..] over path's length: 0 when target continues with all of path;
   * positive when every key under path sorts after target (path is greater at the first difference,
   * or target ends inside path); negative when every key under path sorts before target.
   */
  private static int comparePrefix(byte[] path, byte[] target, int pos) {
    for (int i = 0; i < path.length; i++) {
      if (pos + i >= target.length) return 1;
      if (path[i] != target[pos + i]) return path[i] < target[pos + i] ? -1 : 1;
    }
    return 0;
  }

  private static MerklePatriciaTrie.Entry entry(byte[] prefix, byte[] path, byte[] value) {
    return new MerklePatriciaTrie.Entry(key(prefix, path), Bytes.wrap(value));
  }

  private static Bytes key(byte[] prefix, byte[] path) {
    return Bytes.wrap(Nibbles.toBytes(Nibbles.concat(prefix, path)));
  }
}
