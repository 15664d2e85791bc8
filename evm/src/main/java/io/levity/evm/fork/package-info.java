/**
 * The EVM's forks as data: an {@link io.levity.evm.fork.EvmSpec} (opcode table, gas schedule,
 * rules, precompiles) per fork, each derived from the previous one; {@link
 * io.levity.evm.fork.EvmSpecs} holds Shanghai and Cancun's changes.
 */
package io.levity.evm.fork;
