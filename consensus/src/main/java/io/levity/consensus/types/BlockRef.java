package io.levity.consensus.types;

import io.levity.core.bytes.Bytes32;

/**
 * A block's identity and position: enough to name a committed tip or the root of the block tree.
 */
public record BlockRef(Bytes32 id, long round, long height) {}
