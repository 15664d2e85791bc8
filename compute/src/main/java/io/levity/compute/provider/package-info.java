/**
 * The inference provider on the market (docs/compute.md, "Provider node and settlement"): the
 * serving layer's ports filled by the InferenceMarket contract (EIP-712 digests, on-chain
 * sub-account balances, consecutive nonces), service registration, and the loop that batches the
 * journal's receipts, submits them and finalizes them after the challenge window.
 */
package io.levity.compute.provider;
