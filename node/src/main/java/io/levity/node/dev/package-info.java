/**
 * Dev mode ({@code levity devnet --dev}): a single-node chain without consensus that mines a block
 * per transaction or on demand, rewinds to snapshots, moves its clock and edits its state, with the
 * test methods Hardhat, viem's test client and Foundry scripts call ({@code evm_*}, {@code
 * anvil_*}, {@code hardhat_*}). See docs/dev-mode.md.
 */
package io.levity.node.dev;
