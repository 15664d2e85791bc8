package io.levity.node.rpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client key (the remote IP): {@code perSecond} sustained, {@code burst} at
 * once. Requests take as many tokens as they cost ({@link MethodCosts}).
 */
public final class RateLimiter {
  /** Past this many clients, buckets that have refilled completely are forgotten. */
  private static final int PRUNE_ABOVE = 10_000;

  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoClock;
  private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

  public RateLimiter(double perSecond, double burst, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoClock = nanoClock;
  }

  /** Takes {@code cost} tokens for the key; false when the client is over its limit. */
  public boolean tryAcquire(String key, long cost) {
    long now = nanoClock.getAsLong();
    if (buckets.size() > PRUNE_ABOVE) prune(now);
    double[] b = buckets.computeIfAbsent(key, k -> new double[] {burst, now});
    synchronized (b) {
      double elapsed = (now - (long) b[1]) / 1e9;
      b[0] = Math.min(burst, b[0] + elapsed * perSecond);
      b[1] = now;
      if (b[0] < cost) return false;
      b[0] -= cost;
      return true;
    }
  }

  private void prune(long now) {
    buckets
        .values()
        .removeIf(
            b -> {
              synchronized (b) {
                return b[0] + (now - (long) b[1]) / 1e9 * perSecond >= burst;
              }
            });
  }
}
