/**
 * Float32 kernels whose SIMD and scalar paths, and every thread count, give bit-identical results:
 * each reduction runs in one fixed order (16 lane accumulators, then a fixed pairwise sum), no FMA,
 * transcendental functions only through {@link java.lang.StrictMath}. See docs/ai.md, Determinism.
 */
package io.levity.ai.tensor;
