package io.levity.node.mempool;

/**
 * Mempool limits. The defaults hold 64 MiB of transactions at most, keep `levity bench tps` (20
 * senders with 128 transactions in flight each) well inside them, and make a nonce gap cheap to
 * hold only in small numbers.
 *
 * @param maxTransactions global limit on the count; when full, the lowest-priced transaction is
 *     evicted if the newcomer pays more
 * @param maxPerSender most transactions one sender may have waiting (also bounds how far ahead of
 *     its nonce it may go)
 * @param priceBumpPercent a replacement (same sender and nonce) must raise both fee caps by at
 *     least this much
 * @param maxTransactionBytes largest encoded transaction accepted
 * @param maxPoolBytes global limit on the encoded bytes of all waiting transactions, enforced like
 *     {@code maxTransactions}
 * @param maxQueuedPerSender most transactions one sender may have behind a nonce gap ("queued": not
 *     includable until the missing nonce arrives)
 * @param maxQueued most queued transactions of all senders together
 * @param ttlMillis a transaction still waiting this long after it arrived is dropped
 */
public record MempoolConfig(
    int maxTransactions,
    int maxPerSender,
    int priceBumpPercent,
    int maxTransactionBytes,
    long maxPoolBytes,
    int maxQueuedPerSender,
    int maxQueued,
    long ttlMillis) {
  public static final MempoolConfig DEFAULT =
      new MempoolConfig(20_000, 256, 10, 128 * 1024, 64L << 20, 64, 1024, 60 * 60_000L);

  public MempoolConfig {
    if (maxTransactions < 1
        || maxPerSender < 1
        || priceBumpPercent < 0
        || maxTransactionBytes < 1
        || maxPoolBytes < maxTransactionBytes
        || maxQueuedPerSender < 0
        || maxQueued < maxQueuedPerSender
        || ttlMillis < 1) {
      throw new IllegalArgumentException(
          "mempool limits must be positive, the pool must hold its largest transaction and the"
              + " queued total must hold one sender's queued transactions");
    }
  }

  /** These limits with other count limits (tests use small ones). */
  public MempoolConfig withCounts(int maxTransactions, int maxPerSender) {
    return new MempoolConfig(
        maxTransactions,
        maxPerSender,
        priceBumpPercent,
        maxTransactionBytes,
        maxPoolBytes,
        maxQueuedPerSender,
        maxQueued,
        ttlMillis);
  }
}
