package io.levity.execution.state;

import io.levity.core.num.UInt256;
import java.math.BigInteger;

/**
 * EIP-4844 blob gas: the per-blob gas, the block limits and the blob base fee derived from the
 * excess blob gas.
 */
public final class BlobGas {
  /** Blob gas one blob consumes (2^17). */
  public static final long GAS_PER_BLOB = 1L << 17;

  /** The blob gas a block targets (3 blobs); excess above it raises the blob base fee. */
  public static final long TARGET_PER_BLOCK = 3 * GAS_PER_BLOB;

  /** The most blob gas a block may use (6 blobs). */
  public static final long MAX_PER_BLOCK = 6 * GAS_PER_BLOB;

  /** The blob base fee never goes below this (1 wei). */
  public static final long MIN_BASE_FEE = 1;

  /** How fast the blob base fee reacts to excess blob gas. */
  public static final long BASE_FEE_UPDATE_FRACTION = 3_338_477;

  /**
   * Past this ratio of excess to update fraction, e^ratio exceeds 2^256 (ln 2^256 is about 177.4);
   * the fee then saturates instead of being computed over an unbounded number of series terms.
   */
  private static final long SATURATION_RATIO = 180;

  private BlobGas() {}

  /**
   * The blob base fee for a block with this excess blob gas (unsigned):
   * fake_exponential(MIN_BASE_FEE, excess, BASE_FEE_UPDATE_FRACTION), or {@link UInt256#MAX} when
   * that does not fit in 256 bits.
   */
  public static UInt256 baseFee(long excessBlobGas) {
    if (excessBlobGas < 0 || excessBlobGas / BASE_FEE_UPDATE_FRACTION >= SATURATION_RATIO) {
      return UInt256.MAX;
    }
    BigInteger fee =
        fakeExponential(
            BigInteger.valueOf(MIN_BASE_FEE),
            BigInteger.valueOf(excessBlobGas),
            BigInteger.valueOf(BASE_FEE_UPDATE_FRACTION));
    return fee.bitLength() > 256 ? UInt256.MAX : UInt256.valueOf(fee);
  }

  /**
   * The excess blob gas of the next block: parent excess + parent blob gas used - target, floored
   * at zero.
   */
  public static long nextExcess(long parentExcess, long parentBlobGasUsed) {
    long sum = parentExcess + parentBlobGasUsed;
    return Long.compareUnsigned(sum, TARGET_PER_BLOCK) < 0 ? 0 : sum - TARGET_PER_BLOCK;
  }

  /**
   * factor * e^(numerator / denominator), approximated by its Taylor series in integers as EIP-4844
   * defines.
   */
  static BigInteger fakeExponential(
      BigInteger factor, BigInteger numerator, BigInteger denominator) {
    BigInteger output = BigInteger.ZERO;
    BigInteger accumulator = factor.multiply(denominator);
    for (long i = 1; accumulator.signum() > 0; i++) {
      output = output.add(accumulator);
      accumulator =
          accumulator.multiply(numerator).divide(denominator.multiply(BigInteger.valueOf(i)));
    }
    return output.divide(denominator);
  }
}
