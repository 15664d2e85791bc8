package io.levity.execution.block;

import io.levity.core.num.UInt256;
import io.levity.execution.state.BlobGas;

/**
 * How the next block's fees follow from its parent: the EIP-1559 base fee (elasticity 2, change
 * denominator 8) and the EIP-4844 excess blob gas.
 */
public final class FeeMarket {
  /** Gas limit / gas target. */
  public static final long ELASTICITY_MULTIPLIER = 2;

  /** The base fee moves by at most 1/8 per block. */
  public static final long BASE_FEE_MAX_CHANGE_DENOMINATOR = 8;

  private FeeMarket() {}

  /**
   * The base fee of the child of a block with these values: unchanged at the target (half the gas
   * limit); above it up by parentBaseFee * (used - target) / target / 8, at least 1; below it down
   * by parentBaseFee * (target - used) / target / 8.
   */
  public static UInt256 nextBaseFee(
      long parentGasLimit, long parentGasUsed, UInt256 parentBaseFee) {
    long target = parentGasLimit / ELASTICITY_MULTIPLIER;
    if (target == 0 || parentGasUsed == target) return parentBaseFee;
    if (Long.compareUnsigned(parentGasUsed, target) > 0) {
      UInt256 delta =
          parentBaseFee
              .multiply(UInt256.valueOf(parentGasUsed - target))
              .divide(UInt256.valueOf(target))
              .divide(UInt256.valueOf(BASE_FEE_MAX_CHANGE_DENOMINATOR));
      return parentBaseFee.add(delta.max(UInt256.ONE));
    }
    UInt256 delta =
        parentBaseFee
            .multiply(UInt256.valueOf(target - parentGasUsed))
            .divide(UInt256.valueOf(target))
            .divide(UInt256.valueOf(BASE_FEE_MAX_CHANGE_DENOMINATOR));
    return parentBaseFee.subtract(delta);
  }

  /** The base fee of the child of this header. */
  public static UInt256 nextBaseFee(BlockHeader parent) {
    return nextBaseFee(parent.gasLimit(), parent.gasUsed(), parent.baseFeeOrZero());
  }

  /** The excess blob gas of the child of this header (EIP-4844). */
  public static long nextExcessBlobGas(BlockHeader parent) {
    return BlobGas.nextExcess(parent.excessBlobGasOrZero(), parent.blobGasUsedOrZero());
  }
}
