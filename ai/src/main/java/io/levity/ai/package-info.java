/**
 * Levity's deterministic AI runtime: models whose outputs anyone can re-run bit for bit (see
 * docs/ai.md). The kernels are in {@code tensor}, the weight format in {@code safetensors}, the
 * transformer in {@code model}.
 */
package io.levity.ai;
