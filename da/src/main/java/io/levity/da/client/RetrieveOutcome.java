package io.levity.da.client;

import io.levity.core.bytes.Bytes;
import io.levity.da.encoding.BlobHeader;
import java.util.Map;

/**
 * A blob rebuilt, with what the nodes did.
 *
 * @param data the blob's bytes
 * @param header its header
 * @param cellsVerified cells read and verified
 * @param reported per node registration index, what it did wrong (bad proofs, cells not served,
 *     unreachable)
 */
public record RetrieveOutcome(
    Bytes data, BlobHeader header, int cellsVerified, Map<Integer, String> reported) {}
