package io.levity.storage.erasure;

/**
 * Systematic Reed-Solomon code over GF(2^8) with k data and m parity shards (k + m <= 255).
 * Encoding matrix: the k x k identity on top of an m x k Cauchy matrix C[i][j] = 1 / (x_i + y_j)
 * with x_i = k + i and y_j = j, so every k x k submatrix is invertible and any k of the k + m
 * shards recover the data. Immutable and thread-safe.
 */
public final class ReedSolomon {
  /**
   * Bytes per inner-loop block: all k inputs and m outputs of a block stay in L2 while they are
   * combined.
   */
  private static final int BLOCK = 8 * 1024;

  private final int k;
  private final int m;

  /** (k + m) x k encoding matrix. */
  private final int[][] matrix;

  private final int[][] parityRows;

  private ReedSolomon(int k, int m) {
    this.k = k;
    this.m = m;
    this.matrix = encodingMatrix(k, m);
    this.parityRows = new int[m][];
    for (int i = 0; i < m; i++) parityRows[i] = matrix[k + i];
  }

  /** A k + m code; k >= 1, m >= 1, k + m <= 255. */
  public static ReedSolomon create(int dataShards, int parityShards) {
    if (dataShards < 1 || parityShards < 1 || dataShards + parityShards > 255) {
      throw new IllegalArgumentException(
          "need k >= 1, m >= 1 and k + m <= 255; got k=" + dataShards + " m=" + parityShards);
    }
    return new ReedSolomon(dataShards, parityShards);
  }

  /** The default 6 + 3 code. */
  public static ReedSolomon defaultCode() {
    return create(6, 3);
  }

  public int dataShards() {
    return k;
  }

  public int parityShards() {
    return m;
  }

  public int totalShards() {
    return k + m;
  }

  /** The multiply kernel in use in this JVM: {@code "simd <species>"} or {@code "scalar"}. */
  public static String kernel() {
    return GfKernel.VECTOR ? "simd " + VectorKernel.species() : "scalar";
  }

  /** A copy of the (k + m) x k encoding matrix, row i producing shard i. */
  public int[][] encodingMatrix() {
    int[][] out = new int[matrix.length][];
    for (int i = 0; i < matrix.length; i++) out[i] = matrix[i].clone();
    return out;
  }

  static int[][] encodingMatrix(int k, int m) {
    int[][] mat = new int[k + m][k];
    for (int i = 0; i < k; i++) mat[i][i] = 1;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < k; j++) mat[k + i][j] = Gf256.inv((k + i) ^ j);
    }
    return mat;
  }

  /**
   * Computes the parity shards {@code shards[k..k+m)} from the data shards {@code shards[0..k)};
   * all k + m arrays must exist and have the same length.
   */
  public void encode(byte[][] shards) {
    checkCount(shards);
    int len = shards[0].length;
    for (byte[] s : shards) {
      if (s == null || s.length != len)
        throw new IllegalArgumentException("all shards must be non-null, same size");
    }
    byte[][] data = new byte[k][];
    byte[][] parity = new byte[m][];
    System.arraycopy(shards, 0, data, 0, k);
    System.arraycopy(shards, k, parity, 0, m);
    combine(parityRows, data, parity, 0, len);
  }

  /**
   * Parity of {@code data[j][off, off+len)} into {@code parity[i][off, off+len)}, for long-slice
   * callers.
   */
  public void encodeParity(byte[][] data, byte[][] parity, int off, int len) {
    if (data.length != k || parity.length != m) {
      throw new IllegalArgumentException("expected " + k + " data and " + m + " parity arrays");
    }
    combine(parityRows, data, parity, off, len);
  }

  /**
   * Reconstructs every shard whose {@code present} flag is false, in place. Missing entries may be
   * null (they are allocated) or arrays of the shard size (overwritten). Throws {@link
   * InsufficientShardsException} when fewer than k shards are present.
   */
  public void decode(byte[][] shards, boolean[] present) {
    checkCount(shards);
    if (present.length != k + m)
      throw new IllegalArgumentException("expected " + (k + m) + " present flags");
    int count = 0;
    int len = -1;
    for (int i = 0; i < k + m; i++) {
      if (!present[i]) continue;
      if (shards[i] == null)
        throw new IllegalArgumentException("shard " + i + " marked present but null");
      if (len >= 0 && shards[i].length != len)
        throw new IllegalArgumentException("shards differ in size");
      len = shards[i].length;
      count++;
    }
    if (count < k) throw new InsufficientShardsException(count, k);
    for (int i = 0; i < k + m; i++) {
      if (!present[i] && (shards[i] == null || shards[i].length != len)) shards[i] = new byte[len];
    }

    int missingData = 0;
    for (int i = 0; i < k; i++) if (!present[i]) missingData++;
    if (missingData > 0) {
      // The first k present shards (data first, so as many identity rows as possible) and their
      // matrix rows.
      int[] chosen = new int[k];
      for (int i = 0, c = 0; c < k; i++) if (present[i]) chosen[c++] = i;
      int[][] inverse = GfMatrix.invert(GfMatrix.rows(matrix, chosen));
      byte[][] inputs = new byte[k][];
      for (int i = 0; i < k; i++) inputs[i] = shards[chosen[i]];
      int[][] rows = new int[missingData][];
      byte[][] outputs = new byte[missingData][];
      for (int d = 0, o = 0; d < k; d++) {
        if (present[d]) continue;
        rows[o] = inverse[d];
        outputs[o++] = shards[d];
      }
      combine(rows, inputs, outputs, 0, len);
    }

    int missingParity = 0;
    for (int i = k; i < k + m; i++) if (!present[i]) missingParity++;
    if (missingParity > 0) {
      byte[][] data = new byte[k][];
      System.arraycopy(shards, 0, data, 0, k);
      int[][] rows = new int[missingParity][];
      byte[][] outputs = new byte[missingParity][];
      for (int p = k, o = 0; p < k + m; p++) {
        if (present[p]) continue;
        rows[o] = matrix[p];
        outputs[o++] = shards[p];
      }
      combine(rows, data, outputs, 0, len);
    }
  }

  private void checkCount(byte[][] shards) {
    if (shards.length != k + m) {
      throw new IllegalArgumentException("expected " + (k + m) + " shards, got " + shards.length);
    }
  }

  /** outputs[r] = sum_j rows[r][j] * inputs[j] over [off, off+len), block by block. */
  private static void combine(int[][] rows, byte[][] inputs, byte[][] outputs, int off, int len) {
    if (GfKernel.VECTOR) VectorKernel.combine(rows, inputs, outputs, off, len);
    else combineScalar(rows, inputs, outputs, off, len);
  }

  /**
   * The scalar form of {@link #combine}: blocks of {@link #BLOCK} bytes, one table lookup per byte
   * and product.
   */
  static void combineScalar(int[][] rows, byte[][] inputs, byte[][] outputs, int off, int len) {
    int end = off + len;
    for (int start = off; start < end; start += BLOCK) {
      int n = Math.min(BLOCK, end - start);
      for (int r = 0; r < rows.length; r++) {
        int[] row = rows[r];
        byte[] out = outputs[r];
        GfKernel.scalarMulSet(row[0], inputs[0], out, start, n);
        for (int j = 1; j < inputs.length; j++)
          GfKernel.scalarMulAdd(row[j], inputs[j], out, start, n);
      }
    }
  }
}
