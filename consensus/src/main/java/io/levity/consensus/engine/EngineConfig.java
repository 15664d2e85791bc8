package io.levity.consensus.engine;

/**
 * Tunables of one engine. Timeouts grow by {@code timeoutBackoff} per consecutive round that ends
 * without a QC and reset on a QC, so after GST they eventually exceed the real message delay
 * (partial synchrony).
 *
 * @param chainId domain-separates every signature
 * @param baseTimeoutMillis round timeout after a QC
 * @param timeoutBackoff growth per consecutive timed-out round
 * @param maxTimeoutMillis cap on the round timeout
 * @param maxPayloadBytes largest payload accepted in a proposal
 * @param maxRoundsAhead votes more than this many rounds ahead are dropped unverified
 * @param syncBatch blocks asked for per sync request
 * @param maxOrphans fetched or proposed blocks kept while their ancestors are missing
 * @param certCacheSize verified certificates remembered, so each is checked once
 */
public record EngineConfig(
    long chainId,
    long baseTimeoutMillis,
    double timeoutBackoff,
    long maxTimeoutMillis,
    int maxPayloadBytes,
    int maxRoundsAhead,
    int syncBatch,
    int maxOrphans,
    int certCacheSize) {
  public static EngineConfig defaults(long chainId) {
    return new EngineConfig(chainId, 1_000, 1.5, 30_000, 1 << 20, 64, 32, 1_024, 256);
  }

  public EngineConfig {
    if (baseTimeoutMillis <= 0 || timeoutBackoff < 1 || maxTimeoutMillis < baseTimeoutMillis) {
      throw new IllegalArgumentException(
          "bad timeouts: base "
              + baseTimeoutMillis
              + " backoff "
              + timeoutBackoff
              + " max "
              + maxTimeoutMillis);
    }
    if (syncBatch < 1
        || maxOrphans < syncBatch
        || certCacheSize < 1
        || maxRoundsAhead < 1
        || maxPayloadBytes < 0) {
      throw new IllegalArgumentException("bad limits in " + this);
    }
  }

  public EngineConfig withTimeouts(long base, double backoff, long max) {
    return new EngineConfig(
        chainId,
        base,
        backoff,
        max,
        maxPayloadBytes,
        maxRoundsAhead,
        syncBatch,
        maxOrphans,
        certCacheSize);
  }

  /**
   * The timeout of a round entered after {@code consecutiveTimeouts} rounds that ended without a
   * QC.
   */
  public long roundTimeout(int consecutiveTimeouts) {
    double t =
        (double) baseTimeoutMillis * Math.pow(timeoutBackoff, Math.min(consecutiveTimeouts, 64));
    return (long) Math.min(t, (double) maxTimeoutMillis);
  }
}
