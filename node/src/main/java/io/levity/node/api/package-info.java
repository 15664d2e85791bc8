/**
 * The Ethereum JSON-RPC methods (eth_*, net_*, web3_*) over a {@link io.levity.node.api.ChainView}
 * of the node's chain and mempool: JSON shapes, calls and gas estimation, fee suggestions and
 * account proofs.
 */
package io.levity.node.api;
