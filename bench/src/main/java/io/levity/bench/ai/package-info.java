/**
 * Benchmarks of the deterministic AI runtime: JMH benches of the kernels and of a decoding step,
 * the unordered kernels that price determinism (written here only, never used by the runtime), and
 * {@link io.levity.bench.ai.AiPeerMain}, which runs the peer measurements of {@code levity bench
 * ai} (Jlama, the unordered kernels) in a child JVM.
 */
package io.levity.bench.ai;
