package io.levity.consensus.engine;

import io.levity.consensus.types.BlockRef;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.core.bytes.Bytes32;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The uncommitted blocks that descend from the last committed block (the root). A block enters only
 * when its parent is already here, so every block has a full path to the root; committing moves the
 * root and drops the branches that no longer descend from it.
 */
final class BlockTree {
  private BlockRef root;
  private final Map<Bytes32, ConsensusBlock> blocks = new LinkedHashMap<>();

  BlockTree(BlockRef root) {
    this.root = root;
  }

  BlockRef root() {
    return root;
  }

  int size() {
    return blocks.size();
  }

  boolean has(Bytes32 id) {
    return id.equals(root.id()) || blocks.containsKey(id);
  }

  Optional<ConsensusBlock> get(Bytes32 id) {
    return Optional.ofNullable(blocks.get(id));
  }

  /** True when the block's parent is here at the height just below it. */
  boolean connects(ConsensusBlock b) {
    if (b.height() <= root.height()) return false;
    if (b.parentId().equals(root.id())) return b.height() == root.height() + 1;
    ConsensusBlock parent = blocks.get(b.parentId());
    return parent != null && parent.height() + 1 == b.height();
  }

  void insert(ConsensusBlock b) {
    if (!connects(b))
      throw new IllegalStateException(
          "block " + b + " does not connect to the tree rooted at " + root);
    blocks.putIfAbsent(b.id(), b);
  }

  /**
   * The blocks after the root up to and including {@code id}, oldest first; empty if {@code id} is
   * not here.
   */
  List<ConsensusBlock> pathFromRoot(Bytes32 id) {
    List<ConsensusBlock> path = new ArrayList<>();
    ConsensusBlock b = blocks.get(id);
    while (b != null) {
      path.add(b);
      b = blocks.get(b.parentId());
    }
    Collections.reverse(path);
    return path;
  }

  /**
   * Makes {@code newRoot} (a block here) the root; drops the newly committed blocks and everything
   * that does not descend from the new root. Returns the ids of the dropped forks (not of the
   * committed blocks).
   */
  List<Bytes32> commit(ConsensusBlock newRoot) {
    List<ConsensusBlock> committed = pathFromRoot(newRoot.id());
    for (ConsensusBlock b : committed) blocks.remove(b.id());
    root = newRoot.ref();
    Map<Bytes32, Boolean> descends = new HashMap<>();
    List<Bytes32> dropped = new ArrayList<>();
    for (Iterator<ConsensusBlock> it = blocks.values().iterator(); it.hasNext(); ) {
      ConsensusBlock b = it.next();
      if (!descendsFromRoot(b, descends)) {
        dropped.add(b.id());
        it.remove();
      }
    }
    return dropped;
  }

  private boolean descendsFromRoot(ConsensusBlock b, Map<Bytes32, Boolean> memo) {
    List<Bytes32> walked = new ArrayList<>();
    ConsensusBlock cur = b;
    boolean result = false;
    while (cur != null && cur.height() > root.height()) {
      Boolean known = memo.get(cur.id());
      if (known != null) {
        result = known;
        break;
      }
      walked.add(cur.id());
      if (cur.parentId().equals(root.id())) {
        result = cur.height() == root.height() + 1;
        break;
      }
      cur = blocks.get(cur.parentId());
    }
    for (Bytes32 id : walked) memo.put(id, result);
    return result;
  }
}
