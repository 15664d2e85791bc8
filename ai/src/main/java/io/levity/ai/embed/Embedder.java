package io.levity.ai.embed;

/**
 * Text to a fixed-size, L2-normalized vector; the same text gives the same vector on one machine.
 */
public interface Embedder {
  /** Which model (and build of it) produced the vectors: audits compare only equal ids. */
  String modelId();

  /** The length of every vector. */
  int dimension();

  /** The longest text accepted, in chars. */
  int maxChars();

  /**
   * The unit-length embedding of a text; throws {@link IllegalArgumentException} for a text longer
   * than {@link #maxChars()}.
   */
  float[] embed(String text);
}
