package io.levity.node.mempool;

/**
 * Mempool limits.
 *
 * @param maxTransactions global limit; when full, the lowest-tipping transaction is evicted if the
 *     newcomer pays more
 * @param maxPerSender most transactions one sender may have waiting (also bounds how far ahead of
 *     its nonce it may go)
 * @param priceBumpPercent a replacement (same sender and nonce) must raise both fee caps by at
 *     least this much
 * @param maxTransactionBytes largest encoded transaction accepted
 */
public record MempoolConfig(
    int maxTransactions, int maxPerSender, int priceBumpPercent, int maxTransactionBytes) {
  public static final MempoolConfig DEFAULT = new MempoolConfig(20_000, 256, 10, 128 * 1024);

  public MempoolConfig {
    if (maxTransactions < 1
        || maxPerSender < 1
        || priceBumpPercent < 0
        || maxTransactionBytes < 1) {
      throw new IllegalArgumentException("mempool limits must be positive");
    }
  }
}
