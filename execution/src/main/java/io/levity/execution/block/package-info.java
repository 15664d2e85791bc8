/**
 * Blocks: headers and their validation against the parent, receipts and logs blooms, the EIP-1559
 * fee market, genesis, and the {@link io.levity.execution.block.BlockBuilder} and {@link
 * io.levity.execution.block.BlockExecutor} that build and import blocks over a {@link
 * io.levity.execution.block.WorldState}.
 */
package io.levity.execution.block;
