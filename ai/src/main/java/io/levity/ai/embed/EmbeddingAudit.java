package io.levity.ai.embed;

/**
 * Decides whether two embeddings of the same text by the same model agree. ONNX Runtime does not
 * promise the same bits on two machines (vector widths, threads and fused instructions differ), so
 * an auditor compares the cosine similarity with a tolerance instead: {@link #DEFAULT_TOLERANCE},
 * 0.999, is above what two different sentences reach (a close paraphrase scores well below it with
 * MiniLM) and leaves room for rounding-level differences between two CPUs, which move the cosine of
 * two unit vectors far less than 1e-3.
 */
public final class EmbeddingAudit {
  /** The default least cosine similarity for two embeddings to agree. */
  public static final double DEFAULT_TOLERANCE = 0.999;

  private EmbeddingAudit() {}

  /** Whether a and b agree within {@link #DEFAULT_TOLERANCE}. */
  public static boolean agree(float[] a, float[] b) {
    return agree(a, b, DEFAULT_TOLERANCE);
  }

  /**
   * Whether the cosine similarity of a and b is at least tolerance (in (-1, 1]); throws for vectors
   * of different lengths or a zero vector, which no embedder returns.
   */
  public static boolean agree(float[] a, float[] b, double tolerance) {
    if (!(tolerance > -1 && tolerance <= 1)) {
      throw new IllegalArgumentException("tolerance must be in (-1, 1], got " + tolerance);
    }
    return cosine(a, b) >= tolerance;
  }

  /** The cosine similarity of a and b, in double, summed in index order. */
  public static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "embeddings of " + a.length + " and " + b.length + " dimensions cannot be compared");
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    if (na == 0 || nb == 0) throw new IllegalArgumentException("a zero vector has no direction");
    return dot / Math.sqrt(na * nb);
  }

  /** v scaled to unit length (norm computed in double, in index order). */
  static float[] normalize(float[] v) {
    double norm = 0;
    for (float x : v) norm += (double) x * x;
    norm = Math.sqrt(norm);
    if (norm == 0) throw new IllegalStateException("the model returned a zero vector");
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / norm);
    return out;
  }
}
