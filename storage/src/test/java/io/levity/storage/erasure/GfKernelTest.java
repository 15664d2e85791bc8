package io.levity.storage.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GfKernelTest {
  @Test
  void vectorModuleIsOnTheTestPath() {
    // surefire runs with --add-modules jdk.incubator.vector, so the SIMD path is the one the other
    // tests cover.
    assertThat(GfKernel.VECTOR).isTrue();
  }

  @Test
  void simdAndScalarKernelsAgreeForEveryCoefficientAndRaggedSlices() {
    Random rnd = new Random(11);
    for (int c = 0; c < 256; c++) {
      int len = rnd.nextInt(300);
      int off = rnd.nextInt(40);
      byte[] in = new byte[off + len + 40];
      rnd.nextBytes(in);
      byte[] seed = new byte[in.length];
      rnd.nextBytes(seed);

      byte[] a = seed.clone();
      byte[] b = seed.clone();
      VectorKernel.mulAdd(c, in, a, off, len);
      GfKernel.scalarMulAdd(c, in, b, off, len);
      assertThat(a).as("mulAdd c=%d", c).isEqualTo(b);

      a = seed.clone();
      b = seed.clone();
      VectorKernel.mulSet(c, in, a, off, len);
      GfKernel.scalarMulSet(c, in, b, off, len);
      assertThat(a).as("mulSet c=%d", c).isEqualTo(b);
      for (int i = off; i < off + len; i++)
        assertThat(b[i] & 0xff).isEqualTo(Gf256.mulReference(c, in[i] & 0xff));
    }
  }

  @Test
  void fusedSimdCombineMatchesScalarForManyRowsAndRaggedLengths() {
    Random rnd = new Random(12);
    for (int trial = 0; trial < 40; trial++) {
      int k = 1 + rnd.nextInt(10);
      int outs = 1 + rnd.nextInt(7);
      int off = rnd.nextInt(33);
      int len = rnd.nextInt(500);
      int[][] rows = new int[outs][k];
      for (int[] row : rows) for (int j = 0; j < k; j++) row[j] = rnd.nextInt(256);
      byte[][] in = new byte[k][off + len];
      for (byte[] b : in) rnd.nextBytes(b);
      byte[][] got = new byte[outs][off + len];
      VectorKernel.combine(rows, in, got, off, len);
      for (int r = 0; r < outs; r++) {
        byte[] want = new byte[off + len];
        GfKernel.scalarMulSet(rows[r][0], in[0], want, off, len);
        for (int j = 1; j < k; j++) GfKernel.scalarMulAdd(rows[r][j], in[j], want, off, len);
        assertThat(got[r]).as("trial %d row %d", trial, r).isEqualTo(want);
      }
    }
  }

  @Test
  void blockedScalarCombineMatchesFusedSimdAcrossBlockBoundaries() {
    Random rnd = new Random(13);
    int k = 6, outs = 3, off = 5, len = 3 * 8192 + 77;
    int[][] rows = new int[outs][k];
    for (int[] row : rows) for (int j = 0; j < k; j++) row[j] = rnd.nextInt(256);
    rows[1][2] = 0;
    rows[2][0] = 1;
    byte[][] in = new byte[k][off + len];
    for (byte[] b : in) rnd.nextBytes(b);
    byte[][] scalar = new byte[outs][off + len];
    byte[][] simd = new byte[outs][off + len];
    ReedSolomon.combineScalar(rows, in, scalar, off, len);
    VectorKernel.combine(rows, in, simd, off, len);
    assertThat(scalar).isDeepEqualTo(simd);
    assertThat(scalar[0][off + len - 1] & 0xff).isEqualTo(expected(rows[0], in, off + len - 1));
  }

  private static int expected(int[] row, byte[][] in, int i) {
    int acc = 0;
    for (int j = 0; j < row.length; j++) acc ^= Gf256.mulReference(row[j], in[j][i] & 0xff);
    return acc;
  }
}
