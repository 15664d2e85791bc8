package io.levity.ai.tensor;

/**
 * The float32 kernels of the transformer, on the SIMD or the scalar path and on a fixed number of
 * threads. Every path and thread count gives the same bits (docs/ai.md, Determinism): reductions
 * use {@link ScalarOps}' fixed order, there is no FMA, exp and tanh are {@link StrictMath}'s, and
 * matrix products split only over output rows. Arrays are row-major; a weight matrix is [out][in]
 * (PyTorch's Linear layout), so each output element is one dot product. Close it to stop its
 * threads.
 */
public final class Kernels implements AutoCloseable {
  /** True when the Vector API module is present, so the SIMD path can run. */
  public static final boolean SIMD_AVAILABLE =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  /**
   * By default, products with fewer multiply-adds than this run on the calling thread: handing them
   * to the pool costs more than it saves. Who computes a row never changes its bits, so this is
   * only speed.
   */
  public static final long DEFAULT_MIN_PARALLEL_WORK = 1 << 18;

  private final boolean simd;
  private final RowSplitter rows;
  private final long minParallelWork;

  private Kernels(boolean simd, int threads, long minParallelWork) {
    if (simd && !SIMD_AVAILABLE) {
      throw new IllegalStateException(
          "the SIMD path needs the Vector API: run with --add-modules jdk.incubator.vector");
    }
    this.simd = simd;
    this.rows = new RowSplitter(threads);
    this.minParallelWork = minParallelWork;
  }

  /**
   * The chosen path on the given threads, splitting products of at least minParallelWork
   * multiply-adds (0 splits every product, as the determinism tests do).
   */
  public static Kernels of(boolean simd, int threads, long minParallelWork) {
    return new Kernels(simd, threads, minParallelWork);
  }

  /** The scalar path on the given number of threads. */
  public static Kernels scalar(int threads) {
    return new Kernels(false, threads, DEFAULT_MIN_PARALLEL_WORK);
  }

  /** The SIMD path; throws when the Vector API module is absent. */
  public static Kernels simd(int threads) {
    return new Kernels(true, threads, DEFAULT_MIN_PARALLEL_WORK);
  }

  /** The SIMD path when available, else the scalar one: the same bits either way. */
  public static Kernels best(int threads) {
    return new Kernels(SIMD_AVAILABLE, threads, DEFAULT_MIN_PARALLEL_WORK);
  }

  public boolean isSimd() {
    return simd;
  }

  public int threads() {
    return rows.threads();
  }

  /** sum_i a[aOff + i] * b[bOff + i] for i < n, in the fixed order. */
  public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    return simd ? VectorOps.dot(a, aOff, b, bOff, n) : ScalarOps.dot(a, aOff, b, bOff, n);
  }

  /** sum_i a[off + i] for i < n, in the fixed order. */
  public float sum(float[] a, int off, int n) {
    return simd ? VectorOps.sum(a, off, n) : ScalarOps.sum(a, off, n);
  }

  /** out = w x for w [rows][cols], x [cols], out [rows]. */
  public void matvec(float[] w, int rowCount, int cols, float[] x, float[] out) {
    check(w.length >= rowCount * cols && x.length >= cols && out.length >= rowCount, "matvec");
    RowSplitter.RowRange body =
        (from, to) -> {
          for (int r = from; r < to; r++) out[r] = dot(w, r * cols, x, 0, cols);
        };
    split(rowCount, (long) rowCount * cols, body);
  }

  /**
   * out = x w^T for x [n][cols], w [rows][cols], out [n][rows]: element (t, r) is the same dot
   * product {@link #matvec} computes, so a batch gives the bits of n single steps. Split over the
   * weight's rows; each thread walks the inputs in tiles that stay in cache and, on the SIMD path,
   * computes four inputs against one weight row at a time (each still {@link #dot}'s order).
   */
  public void matmul(float[] x, int n, float[] w, int rowCount, int cols, float[] out) {
    check(
        x.length >= n * cols && w.length >= rowCount * cols && out.length >= n * rowCount,
        "matmul");
    int tile = Math.max(4, MATMUL_TILE_FLOATS / Math.max(1, cols) / 4 * 4);
    RowSplitter.RowRange body =
        (from, to) -> {
          for (int t0 = 0; t0 < n; t0 += tile) {
            int t1 = Math.min(n, t0 + tile);
            for (int r = from; r < to; r++) {
              int t = t0;
              if (simd) {
                for (; t + 4 <= t1; t += 4)
                  VectorOps.dot4(
                      w, r * cols, x, t * cols, cols, cols, out, t * rowCount + r, rowCount);
              }
              for (; t < t1; t++) out[t * rowCount + r] = dot(w, r * cols, x, t * cols, cols);
            }
          }
        };
    split(rowCount, (long) n * rowCount * cols, body);
  }

  /** About 128 KB of inputs per tile of a matrix product: they stay in L2 across weight rows. */
  private static final int MATMUL_TILE_FLOATS = 32 * 1024;

  /**
   * out = a^T for a [rows][cols], out [cols][rows]: only copies, so every path gives the same bits.
   * With it a gradient becomes a {@link #matmul}: dX = dY W is matmul(dY, W^T), and dW = dY^T X is
   * matmul(dY^T, X^T), each element one fixed-order dot product over the batch.
   */
  public void transpose(float[] a, int rowCount, int cols, float[] out) {
    check(a.length >= rowCount * cols && out.length >= rowCount * cols, "transpose");
    int block = 32;
    RowSplitter.RowRange body =
        (from, to) -> {
          for (int c0 = from; c0 < to; c0 += block) {
            int c1 = Math.min(to, c0 + block);
            for (int r0 = 0; r0 < rowCount; r0 += block) {
              int r1 = Math.min(rowCount, r0 + block);
              for (int r = r0; r < r1; r++) {
                for (int c = c0; c < c1; c++) out[c * rowCount + r] = a[r * cols + c];
              }
            }
          }
        };
    split(cols, 4L * rowCount * cols, body);
  }

  /** The body of a loop split over independent rows: computes rows [from, to). */
  public interface RowBody {
    void run(int from, int to);
  }

  /**
   * Runs body over rows [0, rowCount) on this kernel's threads when work (its multiply-adds) is at
   * least minParallelWork, else on the calling thread. The caller guarantees that each row's result
   * depends only on its own computation (no sums across rows), so the bits never depend on who
   * computes a row.
   */
  public void forEachRow(int rowCount, long work, RowBody body) {
    split(rowCount, work, body::run);
  }

  /** out[i] = a[i] + b[i]; out may be a or b. */
  public void add(float[] a, float[] b, float[] out) {
    check(a.length == b.length && out.length == a.length, "add");
    if (simd) VectorOps.add(a, b, out, a.length);
    else ScalarOps.add(a, b, out, 0, a.length);
  }

  /** out[i] = a[i] * b[i]; out may be a or b. */
  public void mul(float[] a, float[] b, float[] out) {
    check(a.length == b.length && out.length == a.length, "mul");
    if (simd) VectorOps.mul(a, b, out, a.length);
    else ScalarOps.mul(a, b, out, 0, a.length);
  }

  /** y[yOff + i] += a * x[xOff + i] for i < n: a multiply, then an add. */
  public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
    if (simd) VectorOps.axpy(a, x, xOff, y, yOff, n);
    else ScalarOps.axpy(a, x, xOff, y, yOff, 0, n);
  }

  /** x[off, off + n) = softmax of itself: max subtracted, StrictMath.exp, divided by the sum. */
  public void softmax(float[] x, int off, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = off; i < off + n; i++) max = Math.max(max, x[i]);
    for (int i = off; i < off + n; i++) x[i] = (float) StrictMath.exp(x[i] - max);
    float total = sum(x, off, n);
    for (int i = off; i < off + n; i++) x[i] = x[i] / total;
  }

  /** out = (x - mean) / sqrt(var + eps) * gain + bias over one row of x. */
  public void layerNorm(float[] x, float[] gain, float[] bias, float eps, float[] out) {
    int n = x.length;
    check(gain.length == n && bias.length == n && out.length == n, "layerNorm");
    float mean = sum(x, 0, n) / n;
    float[] d = new float[n];
    for (int i = 0; i < n; i++) d[i] = x[i] - mean;
    float var = dot(d, 0, d, 0, n) / n;
    float inv = 1f / (float) Math.sqrt(var + eps);
    for (int i = 0; i < n; i++) out[i] = d[i] * inv * gain[i] + bias[i];
  }

  /** out = x / sqrt(mean(x^2) + eps) * gain over one row of x. */
  public void rmsNorm(float[] x, float[] gain, float eps, float[] out) {
    int n = x.length;
    check(gain.length == n && out.length == n, "rmsNorm");
    float ms = dot(x, 0, x, 0, n) / n;
    float inv = 1f / (float) Math.sqrt(ms + eps);
    for (int i = 0; i < n; i++) out[i] = x[i] * inv * gain[i];
  }

  /** GELU, tanh form: 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))), in place. */
  public void gelu(float[] x) {
    for (int i = 0; i < x.length; i++) x[i] = Activations.gelu(x[i]);
  }

  /** SiLU: x / (1 + exp(-x)), in place. */
  public void silu(float[] x) {
    for (int i = 0; i < x.length; i++) x[i] = Activations.silu(x[i]);
  }

  private void split(int rowCount, long work, RowSplitter.RowRange body) {
    if (work < minParallelWork) body.run(0, rowCount);
    else rows.split(rowCount, body);
  }

  private static void check(boolean ok, String op) {
    if (!ok) throw new IllegalArgumentException(op + ": array lengths do not match the shape");
  }

  @Override
  public void close() {
    rows.close();
  }
}
