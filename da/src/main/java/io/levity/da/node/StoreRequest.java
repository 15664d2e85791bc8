package io.levity.da.node;

import io.levity.da.encoding.BlobHeader;
import io.levity.da.encoding.Cell;
import java.util.List;

/**
 * A disperser's request to one node: keep these cells of this blob and sign it for this epoch.
 *
 * @param header the blob's header (its id is {@code header.id()})
 * @param epoch the epoch whose quorum and assignment the cells follow
 * @param cells exactly the node's share of the blob's cells under that assignment
 */
public record StoreRequest(BlobHeader header, long epoch, List<Cell> cells) {}
