/**
 * {@code levity bench}: whole-system benchmarks that print what they measured and against what: EVM
 * Mgas/s beside {@code @ethereumjs/evm}, storage network MB/s beside 3-way replication, and (in
 * {@code io.levity.cli.bench.tps}) transaction throughput beside Hardhat. See docs/bench.md.
 */
package io.levity.cli.bench;
