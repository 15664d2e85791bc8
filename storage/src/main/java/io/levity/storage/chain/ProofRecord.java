package io.levity.storage.chain;

import io.levity.core.bytes.Bytes32;

/**
 * The outcome of one proof-of-storage challenge.
 *
 * @param epoch the epoch the challenge belongs to
 * @param nodeId the challenged node
 * @param fileRoot the file whose shard was challenged
 * @param shardIndex the shard challenged
 * @param passed whether the answer verified
 * @param reason empty when passed, otherwise why it failed (for example "no answer", "bad proof")
 */
public record ProofRecord(
    long epoch, Bytes32 nodeId, Bytes32 fileRoot, int shardIndex, boolean passed, String reason) {}
