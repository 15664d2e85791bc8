/**
 * A decoder-only transformer of the GPT-2 family (LayerNorm, learned positions, GELU MLP, biases)
 * and the Llama family (RMSNorm, rotary positions, SwiGLU MLP, grouped-query attention), with a KV
 * cache, on the deterministic kernels of {@code io.levity.ai.tensor}.
 */
package io.levity.ai.model;
