package io.levity.node.dev;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code evm_snapshot} / {@code evm_revert}: numbered points the chain can go back to. Reverting to
 * a snapshot consumes it and every later one, as Hardhat and anvil do; ids are never reused. At
 * most {@link #MAX} are kept: past it the oldest is forgotten.
 */
final class DevSnapshots {
  static final int MAX = 1_000;

  private final DevChain chain;
  private final TreeMap<Long, DevChain.Point> points = new TreeMap<>();
  private long nextId = 1;

  DevSnapshots(DevChain chain) {
    this.chain = chain;
  }

  /** Records the chain as it is now; returns the snapshot's id. */
  long take() {
    synchronized (chain) {
      long id = nextId++;
      points.put(id, chain.point());
      while (points.size() > MAX) points.pollFirstEntry();
      return id;
    }
  }

  /** Rewinds to snapshot {@code id}; false (and nothing changes) when there is no such snapshot. */
  boolean revert(long id) {
    synchronized (chain) {
      DevChain.Point p = points.get(id);
      if (p == null) return false;
      chain.restore(p);
      Map<Long, DevChain.Point> later = points.tailMap(id, true);
      later.clear();
      return true;
    }
  }

  /** Forgets every snapshot ({@code anvil_reset}). */
  void clear() {
    synchronized (chain) {
      points.clear();
    }
  }
}
