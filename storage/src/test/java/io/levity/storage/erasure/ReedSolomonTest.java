package io.levity.storage.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReedSolomonTest {
  /**
   * Every k x k submatrix of the encoding matrix is invertible: checked exhaustively over all
   * C(k+m, k) choices.
   */
  @ParameterizedTest
  @CsvSource({"6, 3", "1, 1", "1, 5", "2, 2", "4, 2", "3, 5", "10, 4", "8, 8", "17, 3"})
  void everyKRowSubsetIsInvertible(int k, int m) {
    int[][] mat = ReedSolomon.encodingMatrix(k, m);
    int[] rows = new int[k];
    for (int i = 0; i < k; i++) rows[i] = i;
    int checked = 0;
    do {
      int[][] sub = GfMatrix.rows(mat, rows);
      int[][] product = GfMatrix.multiply(sub, GfMatrix.invert(sub));
      assertThat(product).isDeepEqualTo(GfMatrix.identity(k));
      checked++;
    } while (nextCombination(rows, k + m));
    assertThat(checked).isEqualTo(binomial(k + m, k));
  }

  @Test
  void largeCodesHaveInvertibleRandomSubsets() {
    Random rnd = new Random(7);
    for (int[] km : new int[][] {{200, 55}, {128, 127}, {32, 32}}) {
      int k = km[0], m = km[1];
      int[][] mat = ReedSolomon.encodingMatrix(k, m);
      for (int trial = 0; trial < 5; trial++) {
        int[] all = shuffled(k + m, rnd);
        int[] rows = Arrays.copyOf(all, k);
        GfMatrix.invert(GfMatrix.rows(mat, rows)); // throws if singular
      }
    }
  }

  @Test
  void codeIsSystematicAndParityMatchesTheMatrix() {
    ReedSolomon rs = ReedSolomon.defaultCode();
    int[][] mat = rs.encodingMatrix();
    for (int i = 0; i < 6; i++) {
      int[] id = new int[6];
      id[i] = 1;
      assertThat(mat[i]).containsExactly(id);
    }
    byte[][] shards = randomShards(rs, 333, new Random(1));
    rs.encode(shards);
    for (int p = 0; p < 3; p++) {
      for (int b = 0; b < 333; b++) {
        int acc = 0;
        for (int j = 0; j < 6; j++) acc ^= Gf256.mulReference(mat[6 + p][j], shards[j][b] & 0xff);
        assertThat(shards[6 + p][b] & 0xff).isEqualTo(acc);
      }
    }
  }

  @Test
  void defaultCodeParityRowIsLocked() {
    // Row 0 of the Cauchy block: 1 / (6 xor j), j = 0..5. Changing the construction breaks stored
    // data.
    int[] row = ReedSolomon.defaultCode().encodingMatrix()[6];
    for (int j = 0; j < 6; j++) assertThat(Gf256.mul(row[j], 6 ^ j)).isEqualTo(1);
  }

  @Test
  void decodeRecoversThreeLostDataShardsOfLongSlices() {
    ReedSolomon rs = ReedSolomon.defaultCode();
    byte[][] shards = randomShards(rs, 100_003, new Random(2));
    rs.encode(shards);
    byte[][] original = deepCopy(shards);
    boolean[] present = {false, true, false, true, true, false, true, true, true};
    shards[0] = null;
    shards[2] = new byte[100_003];
    Arrays.fill(shards[5], (byte) 0x5a);
    rs.decode(shards, present);
    assertThat(shards).isDeepEqualTo(original);
  }

  @Test
  void fewerThanKShardsFailsCleanly() {
    ReedSolomon rs = ReedSolomon.defaultCode();
    byte[][] shards = randomShards(rs, 64, new Random(3));
    rs.encode(shards);
    boolean[] present = {true, false, true, false, true, false, true, true, false};
    byte[][] before = deepCopy(shards);
    assertThatThrownBy(() -> rs.decode(shards, present))
        .isInstanceOf(InsufficientShardsException.class)
        .hasMessageContaining("5 shards present, at least 6 needed");
    assertThat(shards).isDeepEqualTo(before); // nothing was touched
  }

  @Test
  void invalidArgumentsAreRejected() {
    assertThatThrownBy(() -> ReedSolomon.create(0, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReedSolomon.create(6, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReedSolomon.create(200, 56))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ReedSolomon.create(200, 55).totalShards()).isEqualTo(255);
    ReedSolomon rs = ReedSolomon.defaultCode();
    assertThatThrownBy(() -> rs.encode(new byte[8][4]))
        .isInstanceOf(IllegalArgumentException.class);
    byte[][] uneven = new byte[9][4];
    uneven[3] = new byte[5];
    assertThatThrownBy(() -> rs.encode(uneven)).isInstanceOf(IllegalArgumentException.class);
  }

  static byte[][] randomShards(ReedSolomon rs, int len, Random rnd) {
    byte[][] shards = new byte[rs.totalShards()][len];
    for (int i = 0; i < rs.dataShards(); i++) rnd.nextBytes(shards[i]);
    return shards;
  }

  static byte[][] deepCopy(byte[][] a) {
    byte[][] out = new byte[a.length][];
    for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
    return out;
  }

  private static int[] shuffled(int n, Random rnd) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) a[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /**
   * Advances {@code c} (ascending, values in [0, n)) to the next k-combination; false after the
   * last one.
   */
  private static boolean nextCombination(int[] c, int n) {
    int k = c.length;
    int i = k - 1;
    while (i >= 0 && c[i] == n - k + i) i--;
    if (i < 0) return false;
    c[i]++;
    for (int j = i + 1; j < k; j++) c[j] = c[j - 1] + 1;
    return true;
  }

  private static long binomial(int n, int k) {
    long r = 1;
    for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
    return r;
  }
}
