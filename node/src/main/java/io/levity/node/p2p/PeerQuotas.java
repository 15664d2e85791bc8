package io.levity.node.p2p;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per peer: each peer may spend {@code ratePerSecond} units a second on average and
 * up to {@code burst} at once. A request is allowed while the peer's bucket is not empty and then
 * charged its real cost, which may leave the bucket in debt: the next request waits until the debt
 * is paid back. Time comes from an injected nanosecond clock. Thread-safe.
 */
public final class PeerQuotas {
  private static final int MAX_TRACKED = 10_000;

  private final long ratePerSecond;
  private final long burst;
  private final LongSupplier nanoClock;
  private final Map<NodeId, Bucket> buckets = new HashMap<>();

  private static final class Bucket {
    double tokens;
    long updatedAt;
  }

  public PeerQuotas(long ratePerSecond, long burst, LongSupplier nanoClock) {
    if (ratePerSecond < 1 || burst < 1)
      throw new IllegalArgumentException("rate and burst must be positive");
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.nanoClock = nanoClock;
  }

  /** Whether the peer has anything left to spend now (a full bucket for a peer not seen yet). */
  public synchronized boolean available(NodeId peer) {
    return bucket(peer).tokens > 0;
  }

  /** Spends {@code amount} of the peer's quota (possibly going into debt). */
  public synchronized void charge(NodeId peer, long amount) {
    bucket(peer).tokens -= amount;
  }

  private Bucket bucket(NodeId peer) {
    long now = nanoClock.getAsLong();
    if (buckets.size() >= MAX_TRACKED && !buckets.containsKey(peer)) prune(now);
    Bucket b = buckets.get(peer);
    if (b == null) {
      b = new Bucket();
      b.tokens = burst;
      b.updatedAt = now;
      buckets.put(peer, b);
    }
    refill(b, now);
    return b;
  }

  private void refill(Bucket b, long now) {
    b.tokens =
        Math.min((double) burst, b.tokens + (now - b.updatedAt) / 1e9 * (double) ratePerSecond);
    b.updatedAt = now;
  }

  /** Forgets peers whose bucket is full again: they are as new. */
  private void prune(long now) {
    buckets.values().forEach(b -> refill(b, now));
    buckets.values().removeIf(b -> b.tokens >= burst);
  }
}
