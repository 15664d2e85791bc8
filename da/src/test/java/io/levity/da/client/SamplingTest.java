package io.levity.da.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SamplingTest {
  @Test
  void theMissProbabilityIsTheHypergeometricTail() {
    assertThat(Sampling.missProbability(0)).isEqualTo(1.0);
    assertThat(Sampling.missProbability(1)).isEqualTo(63.0 / 128);
    assertThat(Sampling.missProbability(2)).isCloseTo(63.0 / 128 * 62 / 127, within(1e-15));
    // Each draw without replacement misses more often than one with: below 2^-n.
    for (int n = 1; n <= 30; n++)
      assertThat(Sampling.missProbability(n)).isLessThan(Math.pow(0.5, n));
    assertThat(Sampling.missProbability(64)).isZero();
    assertThat(Sampling.confidence(16)).isGreaterThan(0.99999);
  }

  @Test
  void partialReturnsLowerTheConfidence() {
    // Two thirds of 48 samples back: a piece serving under half rarely looks that good.
    assertThat(Sampling.confidence(48, 32)).isGreaterThan(0.99);
    assertThat(Sampling.confidence(16, 8)).isLessThan(0.6);
    assertThat(Sampling.tail(16, 0)).isEqualTo(1.0);
    for (int k = 1; k <= 16; k++)
      assertThat(Sampling.tail(16, k)).isLessThan(Sampling.tail(16, k - 1));
  }

  @Test
  void refusesCountsOutsideAPiece() {
    assertThatThrownBy(() -> Sampling.missProbability(129))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sampling.missProbability(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
