package io.levity.execution.block;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.num.UInt256;
import io.levity.execution.state.BlobGas;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** EIP-1559 base fee and EIP-4844 excess blob gas of the next block. */
class FeeMarketTest {
  private static final long LIMIT = 30_000_000;
  private static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);

  @Test
  void atTheTargetTheBaseFeeStays() {
    assertThat(FeeMarket.nextBaseFee(LIMIT, LIMIT / 2, GWEI)).isEqualTo(GWEI);
  }

  @Test
  void fullBlocksRaiseItByAnEighthEach() {
    long[] expected = {
      1_000_000_000L, 1_125_000_000L, 1_265_625_000L, 1_423_828_125L, 1_601_806_640L
    };
    UInt256 fee = GWEI;
    for (int i = 0; i < expected.length; i++) {
      assertThat(fee.toLong()).as("block %d", i).isEqualTo(expected[i]);
      fee = FeeMarket.nextBaseFee(LIMIT, LIMIT, fee);
    }
  }

  @Test
  void emptyBlocksLowerItByAnEighthEach() {
    long[] expected = {1_000_000_000L, 875_000_000L, 765_625_000L, 669_921_875L, 586_181_641L};
    UInt256 fee = GWEI;
    for (int i = 0; i < expected.length; i++) {
      assertThat(fee.toLong()).as("block %d", i).isEqualTo(expected[i]);
      fee = FeeMarket.nextBaseFee(LIMIT, 0, fee);
    }
    // 586181641 - 586181641/8 (= 73272705, rounded down) = 512908936
    assertThat(fee.toLong()).isEqualTo(512_908_936L);
  }

  @Test
  void anIncreaseIsAtLeastOneWeiAndADecreaseCanBeZero() {
    assertThat(FeeMarket.nextBaseFee(LIMIT, LIMIT / 2 + 1, UInt256.valueOf(7)))
        .isEqualTo(UInt256.valueOf(8));
    assertThat(FeeMarket.nextBaseFee(LIMIT, LIMIT / 2 - 1, UInt256.valueOf(7)))
        .isEqualTo(UInt256.valueOf(7));
    assertThat(FeeMarket.nextBaseFee(LIMIT, 0, UInt256.valueOf(7))).isEqualTo(UInt256.valueOf(7));
    assertThat(FeeMarket.nextBaseFee(LIMIT, 0, UInt256.valueOf(8))).isEqualTo(UInt256.valueOf(7));
  }

  @Property(tries = 300)
  void matchesTheEipFormula(
      @ForAll @LongRange(min = 2, max = 60_000_000) long limit,
      @ForAll @LongRange(min = 0, max = 60_000_000) long usedRaw,
      @ForAll @LongRange(min = 0, max = 1L << 50) long fee) {
    long used = usedRaw % (limit + 1);
    BigInteger base = BigInteger.valueOf(fee);
    BigInteger target = BigInteger.valueOf(limit / 2);
    BigInteger u = BigInteger.valueOf(used);
    BigInteger expected;
    if (u.equals(target)) {
      expected = base;
    } else if (u.compareTo(target) > 0) {
      expected =
          base.add(
              base.multiply(u.subtract(target))
                  .divide(target)
                  .divide(BigInteger.valueOf(8))
                  .max(BigInteger.ONE));
    } else {
      expected =
          base.subtract(
              base.multiply(target.subtract(u)).divide(target).divide(BigInteger.valueOf(8)));
    }
    assertThat(FeeMarket.nextBaseFee(limit, used, UInt256.valueOf(fee)).toBigInteger())
        .isEqualTo(expected);
  }

  @Test
  void excessBlobGasAccumulatesAboveTheTarget() {
    BlockHeader parent = BlockHeaderTest.sampleCancun(); // 1 blob used, excess 3 blobs
    assertThat(FeeMarket.nextExcessBlobGas(parent))
        .isEqualTo(131_072 + 393_216 - BlobGas.TARGET_PER_BLOCK);
    assertThat(BlobGas.nextExcess(0, BlobGas.MAX_PER_BLOCK)).isEqualTo(BlobGas.TARGET_PER_BLOCK);
    assertThat(BlobGas.nextExcess(BlobGas.GAS_PER_BLOB, 0)).isZero();
  }
}
