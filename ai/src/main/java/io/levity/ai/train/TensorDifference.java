package io.levity.ai.train;

/**
 * The first element at which two training states differ: a checkpoint tensor's name (for example
 * {@code model.layers.0.attn.q.weight} or {@code adam.m.embed.tokens}), the flat row-major index,
 * and both values.
 */
public record TensorDifference(String tensor, int index, float thisValue, float otherValue) {}
