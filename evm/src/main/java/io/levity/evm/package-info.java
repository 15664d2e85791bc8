/**
 * The EVM: {@link io.levity.evm.Evm} runs a transaction's message against a {@link
 * io.levity.evm.WorldView} for one fork's {@link io.levity.evm.fork.EvmSpec}. The interpreter keeps
 * its hot state in locals and a flat {@code long[]} stack; frames run without Java recursion.
 */
package io.levity.evm;
