/**
 * Sentence embeddings: a small {@link io.levity.ai.embed.Embedder} port, all-MiniLM-L6-v2 on ONNX
 * Runtime behind it, and {@link io.levity.ai.embed.EmbeddingAudit}, which compares two embeddings
 * of the same text by cosine similarity with a stated tolerance. ONNX Runtime is not bit-identical
 * across machines (its kernels pick instructions and reduction orders by CPU), unlike the
 * transformer runtime, so embeddings are audited within a tolerance, never bit for bit.
 */
package io.levity.ai.embed;
