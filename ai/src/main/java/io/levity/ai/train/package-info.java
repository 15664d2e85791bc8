/**
 * A deterministic trainer for the transformers of {@code io.levity.ai.model}: forward with saved
 * activations, backward, AdamW with global-norm clipping and a warmup-cosine schedule, a data order
 * derived from Keccak, and byte-stable checkpoints, so that a verifier re-running a segment of
 * training gets the same bits on any thread count and kernel path (docs/ai.md, Training).
 */
package io.levity.ai.train;
