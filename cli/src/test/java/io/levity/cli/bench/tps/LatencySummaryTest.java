package io.levity.cli.bench.tps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles: every reported figure is an observed latency. */
class LatencySummaryTest {
  private static final long MS = 1_000_000L;

  @Test
  void oneToAHundredMillis() {
    long[] nanos = new long[100];
    for (int i = 0; i < 100; i++) nanos[i] = (100 - i) * MS; // descending: the summary must sort
    LatencySummary s = LatencySummary.ofNanos(nanos);
    assertThat(s).isEqualTo(new LatencySummary(100, 50, 90, 99, 100));
    assertThat(nanos[0]).isEqualTo(100 * MS); // input untouched
  }

  @Test
  void smallSamplesRoundRanksUp() {
    long[] sorted = {10, 20, 30};
    assertThat(LatencySummary.percentile(sorted, 50)).isEqualTo(20); // rank ceil(1.5) = 2
    assertThat(LatencySummary.percentile(sorted, 90)).isEqualTo(30);
    assertThat(LatencySummary.percentile(sorted, 1)).isEqualTo(10);
    assertThat(LatencySummary.percentile(new long[] {7}, 99)).isEqualTo(7);
    long[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(LatencySummary.percentile(ten, 90)).isEqualTo(9);
    assertThat(LatencySummary.percentile(ten, 99)).isEqualTo(10);
  }

  @Test
  void aSingleSlowTransactionShowsOnlyAtTheTop() {
    long[] nanos = new long[1000];
    java.util.Arrays.fill(nanos, 5 * MS);
    nanos[500] = 3_000 * MS;
    LatencySummary s = LatencySummary.ofNanos(nanos);
    assertThat(s.p50Ms()).isEqualTo(5);
    assertThat(s.p99Ms()).isEqualTo(5);
    assertThat(s.maxMs()).isEqualTo(3_000);
    assertThat(s.count()).isEqualTo(1000);
  }

  @Test
  void emptyAndInvalidInput() {
    assertThat(LatencySummary.ofNanos(new long[0])).isEqualTo(LatencySummary.EMPTY);
    assertThatThrownBy(() -> LatencySummary.ofNanos(new long[] {5, -1}))
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> LatencySummary.percentile(new long[] {1}, 0))
        .hasMessageContaining("not in (0, 100]");
    assertThatThrownBy(() -> LatencySummary.percentile(new long[0], 50))
        .hasMessageContaining("no samples");
  }
}
