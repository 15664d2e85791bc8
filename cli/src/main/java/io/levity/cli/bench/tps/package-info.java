/**
 * {@code levity bench tps}: throughput and inclusion latency of signed EIP-1559 transactions from
 * many senders against a Levity devnet (a child JVM) and a Hardhat peer, with explicit nonces, a
 * per-sender window and a block watcher. All JSON-RPC, signing and ABI encoding go through the SDK
 * (io.levity.sdk). See docs/bench.md.
 */
package io.levity.cli.bench.tps;
