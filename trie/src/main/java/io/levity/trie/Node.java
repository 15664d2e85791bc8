package io.levity.trie;

/**
 * A trie node. Clean nodes (committed, or loaded from the store) are immutable: an update copies
 * them. Dirty nodes (created since the last commit) belong to the current version alone, one parent
 * each and arrays not shared with any other node, so updates change them in place and {@link
 * #invalidate()} their cached encoding and hash, and those of every ancestor on the path. A clean
 * node never has a dirty descendant, which lets a commit skip whole clean subtrees.
 *
 * <p>Paths are arrays of nibbles (one 0..15 value per byte) and are never written after
 * construction. Absent children and branch values are {@code null}.
 */
abstract sealed class Node permits Node.Leaf, Node.Extension, Node.Branch, Node.HashRef {
  /** Cached RLP, kept only when shorter than 32 bytes (the parent embeds it); null otherwise. */
  byte[] encoded;

  /** Cached keccak(rlp); set for nodes referenced by hash and for the root, once computed. */
  byte[] hash;

  /** Created since the last commit, so not yet in the store. */
  boolean dirty = true;

  /**
   * The RLP of a dirty node of 32 bytes or more, kept from hashing it until the commit stores it,
   * so it is encoded once rather than twice; cleared by the commit and by {@link #invalidate()}.
   */
  byte[] pendingRlp;

  /** Forgets the cached encoding and hash after an in-place change; only for dirty nodes. */
  final void invalidate() {
    encoded = null;
    hash = null;
    pendingRlp = null;
  }

  /** A node with the rest of a key and its value. */
  static final class Leaf extends Node {
    final byte[] path;
    byte[] value;

    Leaf(byte[] path, byte[] value) {
      this.path = path;
      this.value = value;
    }
  }

  /** A shared run of nibbles leading to a branch. */
  static final class Extension extends Node {
    final byte[] path;
    Node child;

    Extension(byte[] path, Node child) {
      this.path = path;
      this.child = child;
    }
  }

  /** Sixteen children, one per nibble, and the value of the key that ends here. */
  static final class Branch extends Node {
    final Node[] children; // length 16
    byte[] value;

    Branch(Node[] children, byte[] value) {
      this.children = children;
      this.value = value;
    }

    /** A dirty copy that can be changed in place. */
    Branch mutableCopy() {
      return new Branch(children.clone(), value);
    }
  }

  /** A node known only by its hash, loaded from the store on first use and then remembered. */
  static final class HashRef extends Node {
    Node resolved;

    HashRef(byte[] hash) {
      this.hash = hash;
      this.dirty = false;
    }
  }
}
