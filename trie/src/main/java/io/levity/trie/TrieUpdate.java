package io.levity.trie;

import java.util.Arrays;

/**
 * Insertion and deletion on trie nodes, keys given as nibbles. Nodes are loaded from the source as
 * the key's path needs them; dirty nodes on the path are changed in place and clean ones copied, so
 * committed nodes never change. An update that changes nothing returns the nodes it was given, so
 * nothing turns dirty. Not thread-safe: one per trie.
 */
final class TrieUpdate {
  private final NodeSource source;

  /** Set by insert and delete when they change the trie; read on the way back up. */
  private boolean changed;

  TrieUpdate(NodeSource source) {
    this.source = source;
  }

  /** root with the key (as nibbles) set to value; the same node when nothing changes. */
  Node put(Node root, byte[] key, byte[] value) {
    changed = false;
    return insert(root, key, 0, value);
  }

  /** root without the key (as nibbles); the same node when the key is absent. */
  Node remove(Node root, byte[] key) {
    changed = false;
    return delete(root, key, 0);
  }

  /**
   * n with k[pos..] set to value. Sets {@link #changed} when the trie changes; otherwise returns n
   * itself (even unresolved) so that nothing turns dirty. Dirty nodes on the path are changed in
   * place, clean ones copied.
   */
  private Node insert(Node n, byte[] k, int pos, byte[] value) {
    if (n == null) {
      changed = true;
      return new Node.Leaf(Arrays.copyOfRange(k, pos, k.length), value);
    }
    Node orig = n;
    n = source.resolve(n);
    if (n instanceof Node.Leaf l) {
      int m = Nibbles.commonPrefix(l.path, k, pos);
      if (m == l.path.length && pos + m == k.length) {
        if (Arrays.equals(l.value, value)) return orig;
        changed = true;
        if (!l.dirty) return new Node.Leaf(l.path, value);
        l.value = value;
        l.invalidate();
        return l;
      }
      changed = true;
      Node[] children = new Node[16];
      byte[] branchValue = null;
      if (m == l.path.length) branchValue = l.value;
      else
        children[l.path[m]] =
            new Node.Leaf(Arrays.copyOfRange(l.path, m + 1, l.path.length), l.value);
      if (pos + m == k.length) branchValue = value;
      else
        children[k[pos + m]] = new Node.Leaf(Arrays.copyOfRange(k, pos + m + 1, k.length), value);
      return withPrefix(l.path, m, new Node.Branch(children, branchValue));
    }
    if (n instanceof Node.Extension x) {
      int m = Nibbles.commonPrefix(x.path, k, pos);
      if (m == x.path.length) {
        Node c = insert(x.child, k, pos + m, value);
        return changed ? setChild(x, c) : orig;
      }
      changed = true;
      Node[] children = new Node[16];
      byte[] branchValue = null;
      children[x.path[m]] =
          m + 1 == x.path.length
              ? x.child // x goes away, so its child keeps a single parent
              : new Node.Extension(Arrays.copyOfRange(x.path, m + 1, x.path.length), x.child);
      if (pos + m == k.length) branchValue = value;
      else
        children[k[pos + m]] = new Node.Leaf(Arrays.copyOfRange(k, pos + m + 1, k.length), value);
      return withPrefix(x.path, m, new Node.Branch(children, branchValue));
    }
    Node.Branch b = (Node.Branch) n;
    if (pos == k.length) {
      if (Arrays.equals(b.value, value)) return orig;
      changed = true;
      Node.Branch t = b.dirty ? b : b.mutableCopy();
      t.value = value;
      t.invalidate();
      return t;
    }
    int i = k[pos];
    Node c = insert(b.children[i], k, pos + 1, value);
    if (!changed) return orig;
    Node.Branch t = b.dirty ? b : b.mutableCopy();
    t.children[i] = c;
    t.invalidate();
    return t;
  }

  private static Node withPrefix(byte[] path, int m, Node.Branch branch) {
    return m == 0 ? branch : new Node.Extension(Arrays.copyOf(path, m), branch);
  }

  private static Node.Extension setChild(Node.Extension x, Node child) {
    if (!x.dirty) return new Node.Extension(x.path, child);
    x.child = child;
    x.invalidate();
    return x;
  }

  /**
   * n without k[pos..]; sets {@link #changed} when the key was there. Collapses branches left with
   * one entry.
   */
  private Node delete(Node n, byte[] k, int pos) {
    if (n == null) return null;
    Node orig = n;
    n = source.resolve(n);
    if (n instanceof Node.Leaf l) {
      if (l.path.length != k.length - pos || !Nibbles.startsWith(k, pos, l.path)) return orig;
      changed = true;
      return null;
    }
    if (n instanceof Node.Extension x) {
      if (!Nibbles.startsWith(k, pos, x.path)) return orig;
      Node c = delete(x.child, k, pos + x.path.length);
      if (!changed) return orig;
      if (c == null)
        return null; // cannot happen in a canonical trie: the child branch had two entries
      Node merged = join(x.path, c);
      return merged != null ? merged : setChild(x, c);
    }
    Node.Branch b = (Node.Branch) n;
    int slot = pos == k.length ? -1 : k[pos];
    Node c = null;
    if (slot < 0) {
      if (b.value == null) return orig;
      changed = true;
    } else {
      c = delete(b.children[slot], k, pos + 1);
      if (!changed) return orig;
    }
    byte[] value = slot < 0 ? null : b.value;
    int count = 0;
    int only = -1;
    for (int i = 0; i < 16; i++) {
      if ((i == slot ? c : b.children[i]) != null) {
        count++;
        only = i;
      }
    }
    if (count >= 2 || (count == 1 && value != null)) {
      Node.Branch t = b.dirty ? b : b.mutableCopy();
      if (slot < 0) t.value = null;
      else t.children[slot] = c;
      t.invalidate();
      return t;
    }
    // Fewer than two entries left: the branch goes away. Nothing has been changed in place yet, so
    // if loading the surviving child fails the trie is still as it was.
    if (count == 0) return value == null ? null : new Node.Leaf(Nibbles.EMPTY, value);
    Node sole = only == slot ? c : b.children[only];
    byte[] prefix = {(byte) only};
    Node merged = join(prefix, sole);
    return merged != null ? merged : new Node.Extension(prefix, sole);
  }

  /**
   * prefix followed by child as one node when the paths merge (child is nothing, a leaf or an
   * extension, which then go away); null when child is a branch, which needs an extension above it.
   */
  private Node join(byte[] prefix, Node child) {
    if (child == null) return null;
    Node c = source.resolve(child);
    if (c instanceof Node.Leaf l) return new Node.Leaf(Nibbles.concat(prefix, l.path), l.value);
    if (c instanceof Node.Extension x)
      return new Node.Extension(Nibbles.concat(prefix, x.path), x.child);
    return null;
  }
}
