package io.levity.da.node;

import io.levity.core.bytes.Bytes32;
import io.levity.da.encoding.BlobHeader;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link CellStore} in maps, for unit tests; counts its writes. */
final class InMemoryCellStore implements CellStore {
  private final Map<Bytes32, StoredBlob> blobs = new HashMap<>();
  private final Map<Bytes32, Map<CellId, Cell>> cells = new HashMap<>();
  private int puts;

  @Override
  public synchronized void put(BlobHeader header, long epoch, List<Cell> share) {
    puts++;
    blobs.put(header.id(), new StoredBlob(header, epoch));
    Map<CellId, Cell> m = cells.computeIfAbsent(header.id(), k -> new HashMap<>());
    for (Cell c : share) m.put(c.id(), c);
  }

  @Override
  public synchronized Optional<StoredBlob> blob(Bytes32 blobId) {
    return Optional.ofNullable(blobs.get(blobId));
  }

  @Override
  public synchronized List<Cell> cells(Bytes32 blobId, List<CellId> ids) {
    Map<CellId, Cell> m = cells.getOrDefault(blobId, Map.of());
    List<Cell> out = new ArrayList<>();
    for (CellId id : ids) if (m.containsKey(id)) out.add(m.get(id));
    return out;
  }

  @Override
  public synchronized List<Bytes32> blobsBefore(long epoch) {
    List<Bytes32> out = new ArrayList<>();
    blobs.forEach(
        (id, b) -> {
          if (b.epoch() < epoch) out.add(id);
        });
    return out;
  }

  @Override
  public synchronized void delete(Bytes32 blobId) {
    blobs.remove(blobId);
    cells.remove(blobId);
  }

  synchronized int puts() {
    return puts;
  }

  @Override
  public void close() {}
}
