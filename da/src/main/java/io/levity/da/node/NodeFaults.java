package io.levity.da.node;

import io.levity.da.encoding.CellId;
import java.util.Set;

/**
 * FOR TESTS ONLY: how a {@link FaultyCellStore} misbehaves when it serves cells, so that clients'
 * retrieval and sampling can be tested against a node that lies, hides or stalls. Never reachable
 * from a node's configuration: a test builds it and wraps the store with it.
 *
 * @param corrupted cells served with one data byte flipped (their proof left as it was)
 * @param withheld cells never served
 * @param corruptAll every cell served with a flipped byte
 * @param withholdAll no cell served at all
 * @param readDelayMillis how long every read (header or cells) waits before answering
 */
public record NodeFaults(
    Set<CellId> corrupted,
    Set<CellId> withheld,
    boolean corruptAll,
    boolean withholdAll,
    long readDelayMillis) {
  /** Copies the sets. */
  public NodeFaults {
    corrupted = Set.copyOf(corrupted);
    withheld = Set.copyOf(withheld);
    if (readDelayMillis < 0) throw new IllegalArgumentException("delay must be >= 0");
  }

  /** An honest node. */
  public static NodeFaults none() {
    return new NodeFaults(Set.of(), Set.of(), false, false, 0);
  }

  /** Serves every cell with a flipped data byte. */
  public static NodeFaults corruptingAll() {
    return new NodeFaults(Set.of(), Set.of(), true, false, 0);
  }

  /** Serves no cell. */
  public static NodeFaults withholdingAll() {
    return new NodeFaults(Set.of(), Set.of(), false, true, 0);
  }

  /** Flips a byte of these cells only. */
  public static NodeFaults corrupting(Set<CellId> cells) {
    return new NodeFaults(cells, Set.of(), false, false, 0);
  }

  /** Leaves these cells out. */
  public static NodeFaults withholding(Set<CellId> cells) {
    return new NodeFaults(Set.of(), cells, false, false, 0);
  }

  /** Answers every read after {@code millis}. */
  public static NodeFaults slow(long millis) {
    return new NodeFaults(Set.of(), Set.of(), false, false, millis);
  }

  boolean corrupts(CellId id) {
    return corruptAll || corrupted.contains(id);
  }

  boolean withholds(CellId id) {
    return withholdAll || withheld.contains(id);
  }
}
