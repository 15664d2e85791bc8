package io.levity.node.mempool;

import io.levity.core.num.UInt256;
import io.levity.core.tx.BlobTransaction;
import io.levity.core.tx.Transaction;

/** The price comparisons and costs the pool's rules are made of. */
final class Prices {
  private Prices() {}

  /** Orders by tip cap, then fee cap: the lower pays less to whoever includes it. */
  static int compare(Transaction a, Transaction b) {
    int c = a.maxPriorityFeePerGas().compareTo(b.maxPriorityFeePerGas());
    return c != 0 ? c : a.maxFeePerGas().compareTo(b.maxFeePerGas());
  }

  /** Whether {@code neu} raises both fee caps of {@code old} by at least {@code percent}. */
  static boolean bumped(Transaction old, Transaction neu, int percent) {
    return neu.maxFeePerGas().compareTo(bump(old.maxFeePerGas(), percent)) >= 0
        && neu.maxPriorityFeePerGas().compareTo(bump(old.maxPriorityFeePerGas(), percent)) >= 0;
  }

  private static UInt256 bump(UInt256 v, int percent) {
    UInt256 scaled = v.multiplyExact(UInt256.valueOf(100L + percent));
    return scaled == null ? UInt256.MAX : scaled.divide(UInt256.valueOf(100));
  }

  /** gasLimit * maxFeePerGas + value (+ blob gas * max blob fee); null on overflow. */
  static UInt256 maxCost(Transaction tx) {
    UInt256 gas = new UInt256(0, 0, 0, tx.gasLimit()); // limbs are unsigned
    UInt256 cost = gas.multiplyExact(tx.maxFeePerGas());
    if (cost == null) return null;
    cost = cost.addExact(tx.value());
    if (cost == null) return null;
    if (tx instanceof BlobTransaction b) {
      UInt256 blobGas = UInt256.valueOf(131_072L * b.blobVersionedHashes().size());
      UInt256 blobCost = blobGas.multiplyExact(b.maxFeePerBlobGas());
      if (blobCost == null) return null;
      cost = cost.addExact(blobCost);
    }
    return cost;
  }

  /** {@code a + b}, null when either is null or the sum overflows. */
  static UInt256 add(UInt256 a, UInt256 b) {
    return a == null || b == null ? null : a.addExact(b);
  }
}
