package io.levity.da.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;

/**
 * Checks counts against what defines largest remainder, without computing them the same way: each
 * count is its quota rounded down or up, they sum to 128, and every member rounded up has a larger
 * remainder (or the same and a lower index) than every member with stake rounded down.
 */
final class LargestRemainder {
  private LargestRemainder() {}

  static void check(List<BigInteger> stakes, int[] counts) {
    BigInteger total = stakes.stream().reduce(BigInteger.ZERO, BigInteger::add);
    int n = stakes.size();
    BigInteger[] rem = new BigInteger[n];
    boolean[] up = new boolean[n];
    int sum = 0;
    for (int k = 0; k < n; k++) {
      BigInteger[] qr = stakes.get(k).multiply(BigInteger.valueOf(128)).divideAndRemainder(total);
      rem[k] = qr[1];
      int floor = qr[0].intValueExact();
      assertThat(counts[k]).as("member %d", k).isBetween(floor, floor + 1);
      up[k] = counts[k] == floor + 1;
      if (stakes.get(k).signum() == 0) assertThat(counts[k]).isZero();
      sum += counts[k];
    }
    assertThat(sum).isEqualTo(128);
    for (int k = 0; k < n; k++) {
      for (int j = 0; j < n; j++) {
        if (!up[k] || up[j] || stakes.get(j).signum() == 0) continue;
        int c = rem[k].compareTo(rem[j]);
        assertThat(c > 0 || (c == 0 && k < j))
            .as("member %d rounded up over %d (stakes %s)", k, j, stakes)
            .isTrue();
      }
    }
  }
}
