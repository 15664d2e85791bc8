package io.levity.storage.node;

import io.levity.core.bytes.Bytes32;

/**
 * A node's health report ({@code GET /v1/health}).
 *
 * @param status "ok" when the node serves
 * @param nodeId its Ed25519 public key
 * @param endpoint where it is registered on chain
 * @param shards how many shards it holds
 * @param bytes their total size
 * @param maxShardBytes the largest shard it accepts
 */
public record NodeHealth(
    String status, Bytes32 nodeId, String endpoint, int shards, long bytes, long maxShardBytes) {}
