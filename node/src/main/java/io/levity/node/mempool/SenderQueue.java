package io.levity.node.mempool;

import io.levity.core.num.UInt256;
import java.math.BigInteger;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One sender's waiting transactions in nonce order. Those from the account nonce on without a gap
 * are pending (includable one after the other); those after the first missing nonce are queued.
 * Keeps the sum of their maximum costs as they come and go, so admission checks a sender's funds in
 * constant time rather than adding up the whole queue for every transaction (which made admission
 * quadratic in the queue's length and a quarter of a loaded devnet's CPU).
 */
final class SenderQueue {
  private final TreeMap<Long, Mempool.Entry> entries = new TreeMap<>(Long::compareUnsigned);

  /** Read-only view in nonce order; change it through {@link #put} and {@link #remove}. */
  final NavigableMap<Long, Mempool.Entry> byNonce = Collections.unmodifiableNavigableMap(entries);

  /** Sum of the maximum costs of the entries whose own cost fits 256 bits (the sum may not). */
  private BigInteger costSum = BigInteger.ZERO;

  /** Entries whose own maximum cost overflows 256 bits. */
  private int overflowing;

  /** {@link #gapAt}'s memory: from {@code gapBase} every nonce below {@code gapEnd} is here. */
  private boolean gapKnown;

  private long gapBase;
  private long gapEnd;

  /** How many were queued when last counted ({@link Mempool} keeps the total of these). */
  int queued;

  /** Adds or replaces the entry at its nonce; returns the one it replaced, or null. */
  Mempool.Entry put(Mempool.Entry e) {
    Mempool.Entry old = entries.put(e.nonce(), e);
    if (old != null) uncount(old);
    count(e);
    return old;
  }

  /** Removes the entry at {@code nonce}; returns it, or null. */
  Mempool.Entry remove(long nonce) {
    Mempool.Entry old = entries.remove(nonce);
    if (old != null) {
      uncount(old);
      if (gapKnown
          && Long.compareUnsigned(nonce, gapBase) >= 0
          && Long.compareUnsigned(nonce, gapEnd) < 0) {
        gapEnd = nonce; // a hole opened below the remembered gap
      }
    }
    return old;
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  int size() {
    return entries.size();
  }

  /**
   * The first nonce from {@code accountNonce} on that has no transaction here. Remembered for the
   * last account nonce asked about and moved as entries come and go, so a sender adding its next
   * transaction does not walk its whole queue again (that walk was an eighth of the RPC threads'
   * time under load).
   */
  long gapAt(long accountNonce) {
    if (!gapKnown || gapBase != accountNonce) {
      gapBase = accountNonce;
      gapEnd = accountNonce;
      gapKnown = true;
    }
    while (entries.containsKey(gapEnd)) gapEnd++;
    return gapEnd;
  }

  /** How many wait behind the gap. */
  int countQueued(long accountNonce) {
    return entries.size() - (int) (gapAt(accountNonce) - accountNonce);
  }

  /**
   * What all of them may cost together, leaving out the one at {@code exceptNonce} (about to be
   * replaced); null on overflow.
   */
  UInt256 maxCost(long exceptNonce) {
    Mempool.Entry except = entries.get(exceptNonce);
    int over = overflowing;
    BigInteger sum = costSum;
    if (except != null) {
      if (except.maxCost() == null) over--;
      else sum = sum.subtract(except.maxCost().toBigInteger());
    }
    return over > 0 || sum.bitLength() > 256 ? null : UInt256.valueOf(sum);
  }

  /** What all of them may cost together; null on overflow. */
  UInt256 totalCost() {
    return overflowing > 0 || costSum.bitLength() > 256 ? null : UInt256.valueOf(costSum);
  }

  private void count(Mempool.Entry e) {
    if (e.maxCost() == null) overflowing++;
    else costSum = costSum.add(e.maxCost().toBigInteger());
  }

  private void uncount(Mempool.Entry e) {
    if (e.maxCost() == null) overflowing--;
    else costSum = costSum.subtract(e.maxCost().toBigInteger());
  }
}
