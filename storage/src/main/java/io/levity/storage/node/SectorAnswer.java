package io.levity.storage.node;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.storage.layout.SectorProof;

/**
 * One sector of a shard with its proof against the shard root ({@code GET
 * /v1/shards/{root}/{index}/sectors/{n}}); check it with {@code SectorProofVerifier}.
 */
public record SectorAnswer(
    Bytes32 fileRoot,
    int shardIndex,
    Bytes32 shardRoot,
    long shardLength,
    Bytes sector,
    SectorProof proof) {}
