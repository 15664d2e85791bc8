package io.levity.execution.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.num.UInt256;
import org.junit.jupiter.api.Test;

/** EIP-4844 blob base fee: fake_exponential(1, excess, 3338477) and its saturation. */
class BlobGasTest {
  @Test
  void baseFeeFollowsTheFakeExponential() {
    assertThat(BlobGas.baseFee(0)).isEqualTo(UInt256.ONE);
    assertThat(BlobGas.baseFee(1)).isEqualTo(UInt256.ONE);
    assertThat(BlobGas.baseFee(3_338_476))
        .isEqualTo(UInt256.valueOf(2)); // e^0.99999 = 2.718...: floors to 2
    assertThat(BlobGas.baseFee(10_000_000)).isEqualTo(UInt256.valueOf(19));
    assertThat(BlobGas.baseFee(10L << 20)).isEqualTo(UInt256.valueOf(23));
    assertThat(BlobGas.baseFee(100L * 3_338_477).toBigInteger().toString())
        .isEqualTo("26881171418145248466094636047260812877840124");
  }

  @Test
  void baseFeeSaturatesPast256Bits() {
    assertThat(BlobGas.baseFee(177L * 3_338_477).bitLength()).isEqualTo(256);
    assertThat(BlobGas.baseFee(178L * 3_338_477)).isEqualTo(UInt256.MAX);
    assertThat(BlobGas.baseFee(Long.MAX_VALUE)).isEqualTo(UInt256.MAX);
    assertThat(BlobGas.baseFee(-1L)).isEqualTo(UInt256.MAX); // 2^64-1 unsigned
  }

  @Test
  void excessCarriesWhatExceedsTheTarget() {
    assertThat(BlobGas.nextExcess(0, BlobGas.TARGET_PER_BLOCK)).isZero();
    assertThat(BlobGas.nextExcess(0, BlobGas.MAX_PER_BLOCK)).isEqualTo(3 * BlobGas.GAS_PER_BLOB);
    assertThat(BlobGas.nextExcess(BlobGas.GAS_PER_BLOB, 0)).isZero();
    assertThat(BlobGas.nextExcess(4 * BlobGas.GAS_PER_BLOB, BlobGas.GAS_PER_BLOB))
        .isEqualTo(2 * BlobGas.GAS_PER_BLOB);
  }
}
