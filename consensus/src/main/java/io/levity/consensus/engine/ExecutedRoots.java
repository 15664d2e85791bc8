package io.levity.consensus.engine;

import io.levity.consensus.engine.Action.Alarm;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.core.bytes.Bytes32;
import java.util.TreeMap;

/**
 * The state roots the host reported for executed blocks: the latest goes into this node's
 * proposals, and a proposal claiming a different root for a height we executed is not voted for
 * (and raises an alarm).
 */
final class ExecutedRoots {
  private static final int MAX_REMEMBERED_ROOTS = 1_024;

  private final TreeMap<Long, Bytes32> roots = new TreeMap<>();
  private final Outbox out;
  private long height;
  private Bytes32 root = Bytes32.ZERO;

  ExecutedRoots(Outbox out) {
    this.out = out;
  }

  void executed(Event.BlockExecuted x) {
    roots.put(x.height(), x.stateRoot());
    while (roots.size() > MAX_REMEMBERED_ROOTS) roots.pollFirstEntry();
    if (x.height() > height) {
      height = x.height();
      root = x.stateRoot();
    }
  }

  /** The highest executed height (0 before any). */
  long height() {
    return height;
  }

  /** The state root at {@link #height()}. */
  Bytes32 root() {
    return root;
  }

  /** A proposal's execution claim must match ours where we have executed that height. */
  boolean matches(ConsensusBlock b) {
    if (b.execHeight() == 0) return b.execRoot().equals(Bytes32.ZERO);
    Bytes32 mine = roots.get(b.execHeight());
    if (mine == null || mine.equals(b.execRoot())) return true;
    out.alarm(
        Alarm.Kind.STATE_DIVERGENCE,
        "block "
            + b.id()
            + " claims state root "
            + b.execRoot()
            + " at height "
            + b.execHeight()
            + ", we have "
            + mine);
    return false;
  }
}
