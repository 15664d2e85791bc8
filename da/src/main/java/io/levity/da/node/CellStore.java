package io.levity.da.node;

import io.levity.core.bytes.Bytes32;
import io.levity.da.encoding.BlobHeader;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import java.util.List;
import java.util.Optional;

/**
 * Where a DA node keeps the blobs it signed for: per blob its header and epoch, and its cells with
 * their proofs. Implementations are thread-safe.
 */
public interface CellStore extends AutoCloseable {
  /** A held blob: its header and the epoch it was signed for. */
  record StoredBlob(BlobHeader header, long epoch) {}

  /**
   * Stores {@code cells} of {@code header}'s blob for {@code epoch}, all or nothing, durably before
   * returning (the node signs right after). Storing a blob again records {@code epoch} and adds the
   * cells.
   */
  void put(BlobHeader header, long epoch, List<Cell> cells);

  /** The header and epoch of {@code blobId}, if held. */
  Optional<StoredBlob> blob(Bytes32 blobId);

  /** The cells among {@code ids} that are held, in request order (the others are left out). */
  List<Cell> cells(Bytes32 blobId, List<CellId> ids);

  /** The ids of the blobs held for an epoch below {@code epoch}. */
  List<Bytes32> blobsBefore(long epoch);

  /** Deletes {@code blobId}'s header and cells, all at once. */
  void delete(Bytes32 blobId);

  @Override
  void close();
}
