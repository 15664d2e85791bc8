package io.levity.storage.chain;

import io.levity.core.bytes.Bytes32;

/**
 * A registered storage node.
 *
 * @param nodeId the node's public key (Ed25519, 32 bytes): proofs of storage are bound to it
 * @param endpoint where it serves, {@code host:port} (127.0.0.1 only in this repository's tests)
 */
public record StorageNodeRecord(Bytes32 nodeId, String endpoint) {}
