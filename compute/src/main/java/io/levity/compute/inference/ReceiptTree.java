package io.levity.compute.inference;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.util.ArrayList;
import java.util.List;

/**
 * The batch Merkle tree, index-based: the leaves fill the first slots of a complete binary tree of
 * 2^depth slots (depth the least with 2^depth >= the leaf count; the rest hold zero), each node is
 * keccak256(left || right), and a proof is the sibling of each level from the bottom up; bit i of
 * the leaf's index says whether its ancestor at level i is a right child. The contract checks a
 * proof's length against the depth, so an inner node never passes for a leaf.
 */
public final class ReceiptTree {
  private final List<List<Bytes32>> levels = new ArrayList<>();
  private final int size;

  public ReceiptTree(List<Bytes32> leaves) {
    if (leaves.isEmpty()) throw new IllegalArgumentException("a tree needs a leaf");
    size = leaves.size();
    int width = 1 << depth(size);
    List<Bytes32> level = new ArrayList<>(leaves);
    while (level.size() < width) level.add(Bytes32.ZERO);
    levels.add(level);
    while (level.size() > 1) {
      List<Bytes32> up = new ArrayList<>(level.size() / 2);
      for (int i = 0; i < level.size(); i += 2) up.add(node(level.get(i), level.get(i + 1)));
      levels.add(up);
      level = up;
    }
  }

  /** The least d with 2^d >= {@code leafCount}. */
  public static int depth(int leafCount) {
    int d = 0;
    while ((1L << d) < leafCount) d++;
    return d;
  }

  public static Bytes32 node(Bytes32 left, Bytes32 right) {
    return Keccak.hash(Bytes.concat(left, right));
  }

  /** The root {@code proof} leads to from {@code leaf} at {@code index}. */
  public static Bytes32 rootOf(Bytes32 leaf, long index, List<Bytes32> proof) {
    Bytes32 h = leaf;
    for (int i = 0; i < proof.size(); i++)
      h = ((index >>> i) & 1) == 0 ? node(h, proof.get(i)) : node(proof.get(i), h);
    return h;
  }

  public Bytes32 root() {
    return levels.getLast().getFirst();
  }

  public int size() {
    return size;
  }

  public int depth() {
    return levels.size() - 1;
  }

  /** The siblings of leaf {@code index}, bottom up. */
  public List<Bytes32> proof(int index) {
    if (index < 0 || index >= size)
      throw new IndexOutOfBoundsException("leaf " + index + " of " + size);
    List<Bytes32> proof = new ArrayList<>(depth());
    for (int level = 0; level < depth(); level++)
      proof.add(levels.get(level).get((index >>> level) ^ 1));
    return proof;
  }
}
