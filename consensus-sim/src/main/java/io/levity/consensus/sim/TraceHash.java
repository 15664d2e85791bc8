package io.levity.consensus.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A running 64-bit hash of every scheduled task that ran (time, kind, node, content digest): two
 * runs with the same seed must end with the same value. Optionally keeps the first lines as text to
 * see where two runs part.
 */
public final class TraceHash {
  private long h = 0x243F6A8885A308D3L;
  private final int keepLines;
  private final List<String> lines = new ArrayList<>();

  public TraceHash(int keepLines) {
    this.keepLines = keepLines;
  }

  void add(long time, SimEventQueue.Kind kind, int node, long digest) {
    mix(time);
    mix(((long) kind.code << 32) | (node & 0xffffffffL));
    mix(digest);
    if (lines.size() < keepLines) {
      lines.add(time + "ms " + kind + " node=" + node + " digest=" + Long.toHexString(digest));
    }
  }

  private void mix(long x) {
    h ^= x;
    h *= 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
  }

  public long value() {
    return h;
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }
}
