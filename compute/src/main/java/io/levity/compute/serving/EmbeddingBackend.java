package io.levity.compute.serving;

import io.levity.core.bytes.Bytes32;

/** What turns texts into vectors for {@code POST /v1/embeddings}. */
public interface EmbeddingBackend {
  /** The model's name as clients give it in {@code "model"}. */
  String modelId();

  /** The model's storage root (zero when it has none yet). */
  Bytes32 modelRoot();

  /** The longest text accepted, in chars. */
  int maxChars();

  /** The billed input tokens of a text. */
  int tokens(String text);

  /** The unit-length embedding of a text of at most {@link #maxChars()} chars. */
  float[] embed(String text);
}
