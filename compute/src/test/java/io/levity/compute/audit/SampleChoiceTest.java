package io.levity.compute.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample is a pure function of the seed, near its rate, and different seeds choose apart. */
class SampleChoiceTest {
  static List<Integer> chosen(SampleChoice s, long batch, int leaves) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < leaves; i++) if (s.sampled(batch, i)) out.add(i);
    return out;
  }

  @Test
  void theRateIsKeptAndTheChoiceReplays() {
    SampleChoice s = new SampleChoice(42, 2000);
    int hits = 0;
    for (long b = 1; b <= 100; b++) hits += chosen(s, b, 100).size();
    assertThat(hits).isBetween(1800, 2200);
    assertThat(chosen(new SampleChoice(42, 2000), 5, 200)).isEqualTo(chosen(s, 5, 200));
    assertThat(chosen(new SampleChoice(43, 2000), 5, 200)).isNotEqualTo(chosen(s, 5, 200));
    assertThat(chosen(s, 5, 200)).isNotEqualTo(chosen(s, 6, 200));
  }

  @Test
  void noneAndAllAreExact() {
    assertThat(chosen(new SampleChoice(1, 0), 1, 500)).isEmpty();
    assertThat(chosen(new SampleChoice(1, SampleChoice.ALL), 1, 500)).hasSize(500);
    assertThatThrownBy(() -> new SampleChoice(1, 10_001))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
