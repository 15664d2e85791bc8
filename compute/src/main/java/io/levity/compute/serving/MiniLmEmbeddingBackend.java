package io.levity.compute.serving;

import io.levity.ai.embed.Embedder;
import io.levity.core.bytes.Bytes32;
import java.nio.charset.StandardCharsets;

/**
 * Embeddings from an {@link Embedder} (all-MiniLM-L6-v2, 384 dimensions, in the runtime). The
 * embedder does not expose its word pieces, so an input is billed as one token per started four
 * UTF-8 bytes: a fixed rule the user can check before signing.
 */
public final class MiniLmEmbeddingBackend implements EmbeddingBackend {
  private final Embedder embedder;
  private final String modelId;
  private final Bytes32 modelRoot;

  /** Serves {@code embedder} under {@code modelId} with the given storage root. */
  public MiniLmEmbeddingBackend(Embedder embedder, String modelId, Bytes32 modelRoot) {
    this.embedder = embedder;
    this.modelId = modelId;
    this.modelRoot = modelRoot;
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public Bytes32 modelRoot() {
    return modelRoot;
  }

  @Override
  public int maxChars() {
    return embedder.maxChars();
  }

  @Override
  public int tokens(String text) {
    return (text.getBytes(StandardCharsets.UTF_8).length + 3) / 4;
  }

  @Override
  public float[] embed(String text) {
    return embedder.embed(text);
  }
}
