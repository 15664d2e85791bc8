package io.levity.storage.node;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code rate} requests per second, bursts up to {@code 2 *
 * rate}. Buckets idle for a minute are dropped, so a stream of one-off addresses cannot grow the
 * map without bound. Thread-safe.
 */
final class RequestRateLimiter {
  private static final long IDLE_NANOS = 60_000_000_000L;
  private static final int MAX_BUCKETS = 10_000;

  private final double rate;
  private final double burst;
  private final LongSupplier clock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long last;

    Bucket(double tokens, long last) {
      this.tokens = tokens;
      this.last = last;
    }
  }

  RequestRateLimiter(int perSecond, LongSupplier nanoClock) {
    this.rate = perSecond;
    this.burst = 2.0 * perSecond;
    this.clock = nanoClock;
  }

  /**
   * Takes one token for {@code client}; false when its bucket is empty (the request should be
   * refused).
   */
  boolean tryAcquire(String client) {
    long now = clock.getAsLong();
    if (buckets.size() > MAX_BUCKETS) buckets.values().removeIf(b -> now - b.last > IDLE_NANOS);
    Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, now));
    synchronized (b) {
      b.tokens = Math.min(burst, b.tokens + (now - b.last) / 1e9 * rate);
      b.last = now;
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    }
  }
}
