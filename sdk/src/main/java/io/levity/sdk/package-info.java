/**
 * The Levity Java SDK: what a client or a layer on top of the chain embeds to talk to a node.
 * {@link io.levity.sdk.rpc} is typed Ethereum JSON-RPC, {@link io.levity.sdk.tx} builds, signs and
 * sends transactions (nonces, fees, receipts), {@link io.levity.sdk.abi} encodes and decodes
 * contract calls and events, and {@link io.levity.sdk.Contract} ties them together for one deployed
 * contract. Depends on levity-core only (the wire format and signatures), never on the EVM or the
 * node. See docs/sdk.md.
 */
package io.levity.sdk;
