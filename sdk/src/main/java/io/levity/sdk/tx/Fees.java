package io.levity.sdk.tx;

import io.levity.core.num.UInt256;
import java.util.Objects;

/**
 * What a transaction pays per gas: the EIP-1559 tip and fee cap. For a legacy transaction both are
 * its gas price.
 */
public record Fees(UInt256 maxPriorityFeePerGas, UInt256 maxFeePerGas) {
  public Fees {
    Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
    Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
    if (maxPriorityFeePerGas.compareTo(maxFeePerGas) > 0)
      throw new IllegalArgumentException(
          "tip " + maxPriorityFeePerGas + " above the fee cap " + maxFeePerGas);
  }

  /** A legacy gas price. */
  public static Fees gasPrice(UInt256 price) {
    return new Fees(price, price);
  }

  /**
   * The default EIP-1559 fees for a base fee and a suggested tip: a cap of twice the base fee plus
   * the tip, so the transaction stays includable while full blocks raise the base fee (12.5% each)
   * for several blocks.
   */
  public static Fees forBaseFee(UInt256 baseFee, UInt256 tip) {
    return new Fees(tip, baseFee.multiply(2).add(tip));
  }
}
