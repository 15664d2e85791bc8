package io.levity.node.api.trace;

import java.time.Duration;

/**
 * Caps on one trace request.
 *
 * @param maxSteps the most struct log entries a struct-logger trace (or a whole block's) may hold
 * @param maxBytes the most bytes of JSON (estimated while tracing) a trace may produce
 * @param maxBlockTransactions the most transactions a block trace replays and traces
 * @param defaultTimeout the time limit when the request gives none (geth: 5s)
 * @param maxTimeout the largest time limit a request may ask for; larger ones are capped to it
 */
public record TraceLimits(
    int maxSteps,
    long maxBytes,
    int maxBlockTransactions,
    Duration defaultTimeout,
    Duration maxTimeout) {
  /** 100,000 steps, 64 MiB, 1,000 transactions per block, 5 s by default, at most 30 s. */
  public static final TraceLimits DEFAULT =
      new TraceLimits(100_000, 64L << 20, 1_000, Duration.ofSeconds(5), Duration.ofSeconds(30));

  public TraceLimits {
    if (maxSteps < 1 || maxBytes < 1 || maxBlockTransactions < 1) {
      throw new IllegalArgumentException("trace limits must be positive");
    }
    if (defaultTimeout.isNegative()
        || defaultTimeout.isZero()
        || maxTimeout.compareTo(defaultTimeout) < 0) {
      throw new IllegalArgumentException("trace timeouts: 0 < default <= max");
    }
  }
}
