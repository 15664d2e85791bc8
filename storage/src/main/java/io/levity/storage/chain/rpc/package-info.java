/**
 * The storage chain port over a Levity node's Ethereum JSON-RPC: {@link
 * io.levity.storage.chain.rpc.RpcStorageChain} and the StorageRegistry contract it talks to (source
 * in storage/contracts, compiled code in this package's resources, exposed by {@link
 * io.levity.storage.chain.rpc.StorageRegistryCode} for a genesis or a deployment). All chain access
 * goes through the SDK (io.levity.sdk). See docs/storage-proofs.md.
 */
package io.levity.storage.chain.rpc;
