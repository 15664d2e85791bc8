/**
 * The state transition: one transaction applied to a {@link io.levity.evm.WorldView} ({@link
 * io.levity.execution.state.StateTransition}), the fee rules it uses ({@link
 * io.levity.execution.state.BlobGas}), and the commitments computed from its results: the Ethereum
 * state root ({@link io.levity.execution.state.StateRoots}) and the logs hash ({@link
 * io.levity.execution.state.Logs}). See docs/execution.md.
 */
package io.levity.execution.state;
