package io.levity.node.runtime;

import io.levity.core.num.UInt256;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.block.FeeMarket;

/** The fee floor the node sets on its mempool after every block. */
final class MempoolFloor {
  private MempoolFloor() {}

  /**
   * The lowest fee cap the mempool takes: the latest block's base fee, or the next block's when
   * that is lower. Clients price from the latest block, so refusing what they priced from it would
   * fail them whenever the fee rises; below both, no block soon includes it: underpriced.
   */
  static UInt256 minFeePerGas(BlockHeader head) {
    UInt256 now = head.baseFeeOrZero();
    UInt256 next = FeeMarket.nextBaseFee(head);
    return now.compareTo(next) <= 0 ? now : next;
  }
}
