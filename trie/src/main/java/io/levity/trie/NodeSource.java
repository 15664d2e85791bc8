package io.levity.trie;

/** Where nodes referenced by hash come from: a store, or the nodes of a proof. */
@FunctionalInterface
interface NodeSource {
  /**
   * The RLP of the node with this hash; throws a {@link TrieException} subtype when there is none.
   */
  byte[] load(byte[] hash);

  /** n itself, or for a hash reference the node it stands for (loaded once, then remembered). */
  default Node resolve(Node n) {
    if (n instanceof Node.HashRef r) {
      Node target = r.resolved;
      if (target == null) {
        target = NodeCodec.decode(load(r.hash), r.hash);
        r.resolved = target;
      }
      return target;
    }
    return n;
  }
}
