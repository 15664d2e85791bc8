package io.levity.node.mempool;

import io.levity.core.num.UInt256;
import io.levity.core.tx.Transaction;

/**
 * The mempool's admission rules that need no pool-wide view: the transaction alone, against its
 * sender's account, and against its sender's room. Each throws the {@link MempoolException} a
 * client sees.
 */
final class Admission {
  private Admission() {}

  /** Size, gas limit and the minimum fee cap. */
  static void checkAlone(
      Transaction tx, int encodedSize, MempoolConfig config, long blockGasLimit, UInt256 minFee)
      throws MempoolException {
    if (encodedSize > config.maxTransactionBytes()) {
      throw new MempoolException(
          MempoolError.OVERSIZED, encodedSize + " bytes > " + config.maxTransactionBytes());
    }
    if (Long.compareUnsigned(tx.gasLimit(), blockGasLimit) > 0) {
      throw new MempoolException(
          MempoolError.GAS_LIMIT_EXCEEDS_BLOCK,
          Long.toUnsignedString(tx.gasLimit()) + " > " + blockGasLimit);
    }
    if (tx.maxFeePerGas().compareTo(minFee) < 0) {
      throw new MempoolException(
          MempoolError.FEE_TOO_LOW,
          "fee cap " + tx.maxFeePerGas() + " wei below the base fee " + minFee);
    }
  }

  /**
   * The nonce against the account's, and the funds for this transaction together with the sender's
   * other waiting ones (a replaced one excluded).
   */
  static void checkAgainstAccount(
      Transaction tx, long accountNonce, UInt256 balance, SenderQueue queue, MempoolConfig config)
      throws MempoolException {
    if (Long.compareUnsigned(tx.nonce(), accountNonce) < 0) {
      throw new MempoolException(
          MempoolError.NONCE_TOO_LOW, "next nonce " + accountNonce + ", tx nonce " + tx.nonce());
    }
    if (tx.nonce() - accountNonce >= config.maxPerSender()) {
      throw new MempoolException(
          MempoolError.NONCE_TOO_HIGH,
          "next nonce "
              + accountNonce
              + ", tx nonce "
              + tx.nonce()
              + ", at most "
              + config.maxPerSender()
              + " ahead");
    }
    UInt256 cost = Prices.maxCost(tx);
    UInt256 others = queue == null ? UInt256.ZERO : queue.maxCost(tx.nonce());
    UInt256 total = Prices.add(cost, others);
    if (total == null || balance.compareTo(total) < 0) {
      throw new MempoolException(
          MempoolError.INSUFFICIENT_FUNDS,
          "balance "
              + balance
              + ", cost "
              + (cost == null ? "> 2^256" : cost.toString())
              + (others == null || others.isZero()
                  ? ""
                  : ", the sender's other waiting transactions " + others));
    }
  }

  /** Room for one more transaction of the sender, queued behind a gap or not. */
  static void checkSenderRoom(SenderQueue queue, boolean joinsQueued, MempoolConfig config)
      throws MempoolException {
    if (queue != null && queue.byNonce.size() >= config.maxPerSender()) {
      throw new MempoolException(MempoolError.SENDER_LIMIT, queue.byNonce.size() + " waiting");
    }
    int queuedNow = queue == null ? 0 : queue.queued;
    if (joinsQueued && queuedNow >= config.maxQueuedPerSender()) {
      throw new MempoolException(
          MempoolError.QUEUED_LIMIT,
          queuedNow + " waiting behind a nonce gap, at most " + config.maxQueuedPerSender());
    }
  }
}
