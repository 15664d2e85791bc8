/**
 * Typed Ethereum JSON-RPC over HTTP: {@link io.levity.sdk.rpc.JsonRpc} moves JSON-RPC 2.0 requests
 * (single and batched) with bounded time and response size, {@link io.levity.sdk.rpc.EthRpc} gives
 * the {@code eth_*} methods typed arguments and results ({@link io.levity.sdk.rpc.TxReceipt},
 * {@link io.levity.sdk.rpc.EthLog}, {@link io.levity.sdk.rpc.EthBlock}). Every failure is an {@link
 * io.levity.sdk.rpc.EthRpcException}: the node's own error (with its code and revert data), no
 * answer at all, or an answer that is not JSON-RPC.
 */
package io.levity.sdk.rpc;
