package io.levity.storage.erasure;

/** Small dense matrices over GF(2^8) (row-major {@code int[][]}): product, inverse, sub-rows. */
final class GfMatrix {
  private GfMatrix() {}

  static int[][] identity(int n) {
    int[][] m = new int[n][n];
    for (int i = 0; i < n; i++) m[i][i] = 1;
    return m;
  }

  static int[][] multiply(int[][] a, int[][] b) {
    int n = a.length, inner = b.length, p = b[0].length;
    int[][] out = new int[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        int acc = 0;
        for (int t = 0; t < inner; t++) acc ^= Gf256.mul(a[i][t], b[t][j]);
        out[i][j] = acc;
      }
    }
    return out;
  }

  /** Rows {@code rows[0..n)} of {@code m}, in that order. */
  static int[][] rows(int[][] m, int[] rows) {
    int[][] out = new int[rows.length][];
    for (int i = 0; i < rows.length; i++) out[i] = m[rows[i]].clone();
    return out;
  }

  /**
   * Inverse by Gauss-Jordan elimination; throws {@link ArithmeticException} when {@code m} is
   * singular.
   */
  static int[][] invert(int[][] m) {
    int n = m.length;
    int[][] a = new int[n][];
    for (int i = 0; i < n; i++) {
      if (m[i].length != n) throw new IllegalArgumentException("not square");
      a[i] = m[i].clone();
    }
    int[][] inv = identity(n);
    for (int col = 0; col < n; col++) {
      int pivot = col;
      while (pivot < n && a[pivot][col] == 0) pivot++;
      if (pivot == n) throw new ArithmeticException("singular matrix");
      swap(a, col, pivot);
      swap(inv, col, pivot);
      int scale = Gf256.inv(a[col][col]);
      for (int j = 0; j < n; j++) {
        a[col][j] = Gf256.mul(a[col][j], scale);
        inv[col][j] = Gf256.mul(inv[col][j], scale);
      }
      for (int r = 0; r < n; r++) {
        int f = a[r][col];
        if (r == col || f == 0) continue;
        for (int j = 0; j < n; j++) {
          a[r][j] ^= Gf256.mul(f, a[col][j]);
          inv[r][j] ^= Gf256.mul(f, inv[col][j]);
        }
      }
    }
    return inv;
  }

  private static void swap(int[][] m, int i, int j) {
    int[] t = m[i];
    m[i] = m[j];
    m[j] = t;
  }
}
