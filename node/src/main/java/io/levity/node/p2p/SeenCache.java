package io.levity.node.p2p;

import io.levity.core.bytes.Bytes32;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded record of gossip message hashes: which peer first sent each one and whether this node
 * has forwarded it. The oldest entries are evicted first, so a message can be seen again only after
 * {@code capacity} newer ones. Thread-safe.
 */
final class SeenCache {
  /**
   * The answer to {@link #claimForward}: whether to forward, and the peer not to send it back to
   * (or null).
   */
  record Claim(boolean granted, NodeId source) {}

  private static final class Seen {
    final NodeId source;
    boolean forwarded;

    Seen(NodeId source, boolean forwarded) {
      this.source = source;
      this.forwarded = forwarded;
    }
  }

  private final Map<Bytes32, Seen> entries;

  SeenCache(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("seen-cache capacity must be positive");
    this.entries =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Bytes32, Seen> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * Records a message received from {@code from}; false if it was seen before (a duplicate to
   * drop).
   */
  synchronized boolean markReceived(Bytes32 hash, NodeId from) {
    if (entries.containsKey(hash)) return false;
    entries.put(hash, new Seen(from, false));
    return true;
  }

  /** Claims the one forward of a message; granted only the first time for each hash. */
  synchronized Claim claimForward(Bytes32 hash) {
    Seen e = entries.get(hash);
    if (e == null) {
      entries.put(hash, new Seen(null, true));
      return new Claim(true, null);
    }
    if (e.forwarded) return new Claim(false, e.source);
    e.forwarded = true;
    return new Claim(true, e.source);
  }

  synchronized int size() {
    return entries.size();
  }
}
