package io.levity.node.mempool;

import io.levity.core.num.UInt256;
import java.util.TreeMap;

/**
 * One sender's waiting transactions in nonce order. Those from the account nonce on without a gap
 * are pending (includable one after the other); those after the first missing nonce are queued.
 */
final class SenderQueue {
  final TreeMap<Long, Mempool.Entry> byNonce = new TreeMap<>(Long::compareUnsigned);

  /** How many were queued when last counted ({@link Mempool} keeps the total of these). */
  int queued;

  /** The first nonce from {@code accountNonce} on that has no transaction here. */
  long gapAt(long accountNonce) {
    long n = accountNonce;
    while (byNonce.containsKey(n)) n++;
    return n;
  }

  /** How many wait behind the gap. */
  int countQueued(long accountNonce) {
    return byNonce.size() - (int) (gapAt(accountNonce) - accountNonce);
  }

  /**
   * What all of them may cost together, leaving out the one at {@code exceptNonce} (about to be
   * replaced); null on overflow.
   */
  UInt256 maxCost(long exceptNonce) {
    UInt256 sum = UInt256.ZERO;
    for (Mempool.Entry e : byNonce.values()) {
      if (e.nonce() != exceptNonce) sum = Prices.add(sum, Prices.maxCost(e.transaction()));
    }
    return sum;
  }
}
