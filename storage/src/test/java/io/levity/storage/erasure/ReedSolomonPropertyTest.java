package io.levity.storage.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ReedSolomonPropertyTest {
  /** Any erasure of up to m shards (data or parity) decodes back to the original shards. */
  @Property(tries = 300)
  void decodeAfterAnyErasureOfUpToMShardsIsIdentity(
      @ForAll @IntRange(min = 1, max = 12) int k,
      @ForAll @IntRange(min = 1, max = 6) int m,
      @ForAll @IntRange(min = 0, max = 3000) int len,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    ReedSolomon rs = ReedSolomon.create(k, m);
    byte[][] shards = ReedSolomonTest.randomShards(rs, len, rnd);
    rs.encode(shards);
    byte[][] original = ReedSolomonTest.deepCopy(shards);
    boolean[] present = erase(k + m, rnd.nextInt(m + 1), rnd);
    for (int i = 0; i < k + m; i++) {
      if (!present[i]) shards[i] = rnd.nextBoolean() ? null : garbage(len, rnd);
    }
    rs.decode(shards, present);
    assertThat(shards).isDeepEqualTo(original);
  }

  /** More than m erasures is refused with a typed error, never a wrong answer. */
  @Property(tries = 100)
  void moreThanMErasuresFailCleanly(
      @ForAll @IntRange(min = 1, max = 12) int k,
      @ForAll @IntRange(min = 1, max = 6) int m,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    ReedSolomon rs = ReedSolomon.create(k, m);
    byte[][] shards = ReedSolomonTest.randomShards(rs, 40, rnd);
    rs.encode(shards);
    int lost = m + 1 + rnd.nextInt(k);
    boolean[] present = erase(k + m, lost, rnd);
    assertThatThrownBy(() -> rs.decode(shards, present))
        .isInstanceOf(InsufficientShardsException.class);
  }

  private static boolean[] erase(int n, int count, Random rnd) {
    boolean[] present = new boolean[n];
    Arrays.fill(present, true);
    for (int e = 0; e < count; ) {
      int i = rnd.nextInt(n);
      if (present[i]) {
        present[i] = false;
        e++;
      }
    }
    return present;
  }

  private static byte[] garbage(int len, Random rnd) {
    byte[] b = new byte[len];
    rnd.nextBytes(b);
    return b;
  }
}
