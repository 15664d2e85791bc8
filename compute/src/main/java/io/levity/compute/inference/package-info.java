/**
 * The inference market's on-chain side (compute/contracts/InferenceMarket.sol) and its Java
 * bindings: the EIP-712 request and response a user and a provider sign, receipts and their
 * settlement batches (Merkle tree, per-user totals, proofs), and a client for the contract.
 */
package io.levity.compute.inference;
