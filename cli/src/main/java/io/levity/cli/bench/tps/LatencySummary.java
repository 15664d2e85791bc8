package io.levity.cli.bench.tps;

import java.util.Arrays;

/**
 * Latency percentiles in milliseconds by the nearest-rank method: the p-th percentile of n sorted
 * samples is the sample at rank ceil(p/100 * n), so every figure reported is a latency that was
 * actually observed.
 *
 * @param count samples summarised; all figures are 0 when it is 0
 */
public record LatencySummary(long count, double p50Ms, double p90Ms, double p99Ms, double maxMs) {
  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0);

  /** Summarises latencies given in nanoseconds (any order; the array is not changed). */
  public static LatencySummary ofNanos(long[] nanos) {
    if (nanos.length == 0) return EMPTY;
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    if (sorted[0] < 0) throw new IllegalArgumentException("negative latency " + sorted[0] + " ns");
    return new LatencySummary(
        sorted.length,
        ms(percentile(sorted, 50)),
        ms(percentile(sorted, 90)),
        ms(percentile(sorted, 99)),
        ms(sorted[sorted.length - 1]));
  }

  /** The nearest-rank percentile of ascending samples; {@code p} in (0, 100]. */
  static long percentile(long[] ascending, double p) {
    if (ascending.length == 0) throw new IllegalArgumentException("no samples");
    if (!(p > 0 && p <= 100))
      throw new IllegalArgumentException("percentile " + p + " is not in (0, 100]");
    int rank = (int) Math.ceil(p / 100.0 * ascending.length);
    return ascending[Math.max(1, rank) - 1];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
