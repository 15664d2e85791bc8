package io.levity.ai.embed;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2 (sentence-transformers, 384 dimensions, quantized ONNX as packaged by
 * langchain4j) on ONNX Runtime, CPU: mean pooling over word pieces, then L2 normalization done here
 * in double. The model file ships inside the dependency's jar, so nothing is downloaded. Texts past
 * the model's 512 word pieces are split and averaged by the library; this class caps input at
 * {@link #DEFAULT_MAX_CHARS} chars so that the cost of one call stays bounded.
 */
public final class MiniLmEmbedder implements Embedder {
  /** The default input limit: about two pages of English. */
  public static final int DEFAULT_MAX_CHARS = 8192;

  public static final String MODEL_ID =
      "sentence-transformers/all-MiniLM-L6-v2@onnx-q8 (langchain4j-embeddings 1.19.0-beta29,"
          + " onnxruntime 1.20.0)";
  private static final int DIMENSION = 384;

  private final AllMiniLmL6V2QuantizedEmbeddingModel model;
  private final int maxChars;

  /** Loads the model (a few hundred milliseconds); texts up to maxChars chars. */
  public MiniLmEmbedder(int maxChars) {
    if (maxChars <= 0)
      throw new IllegalArgumentException("maxChars must be positive, got " + maxChars);
    this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    this.maxChars = maxChars;
  }

  public MiniLmEmbedder() {
    this(DEFAULT_MAX_CHARS);
  }

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public int maxChars() {
    return maxChars;
  }

  @Override
  public float[] embed(String text) {
    if (text == null) throw new IllegalArgumentException("text must not be null");
    if (text.length() > maxChars) {
      throw new IllegalArgumentException(
          "text of "
              + text.length()
              + " chars is longer than this embedder's limit of "
              + maxChars
              + ": split it into passages and embed each");
    }
    float[] v = model.embed(text).content().vector();
    if (v.length != DIMENSION) {
      throw new IllegalStateException(
          "the model returned " + v.length + " dimensions, not " + DIMENSION);
    }
    return EmbeddingAudit.normalize(v);
  }
}
