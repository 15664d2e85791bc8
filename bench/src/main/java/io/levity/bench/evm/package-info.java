/**
 * JMH benchmarks of the EVM interpreter on real Solidity workloads: the figures behind keeping the
 * dispatch loop in one method.
 */
package io.levity.bench.evm;
