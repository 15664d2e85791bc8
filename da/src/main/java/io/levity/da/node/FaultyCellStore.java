package io.levity.da.node;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.da.encoding.BlobHeader;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * FOR TESTS ONLY: a {@link CellStore} that stores honestly but serves as {@link NodeFaults} says
 * (cells with a flipped byte, cells withheld, reads delayed). A test wraps a node's store with it
 * to play a DA node that signed and then lies or hides; nothing in a node's configuration builds
 * one.
 */
public final class FaultyCellStore implements CellStore {
  private final CellStore inner;
  private final NodeFaults faults;

  /** {@code inner} served with {@code faults}. */
  public FaultyCellStore(CellStore inner, NodeFaults faults) {
    this.inner = inner;
    this.faults = faults;
  }

  @Override
  public void put(BlobHeader header, long epoch, List<Cell> cells) {
    inner.put(header, epoch, cells);
  }

  @Override
  public Optional<StoredBlob> blob(Bytes32 blobId) {
    delay();
    return inner.blob(blobId);
  }

  @Override
  public List<Cell> cells(Bytes32 blobId, List<CellId> ids) {
    delay();
    List<Cell> out = new ArrayList<>();
    for (Cell c : inner.cells(blobId, ids)) {
      if (faults.withholds(c.id())) continue;
      out.add(faults.corrupts(c.id()) ? flipped(c) : c);
    }
    return out;
  }

  private static Cell flipped(Cell c) {
    byte[] data = c.data().toArray();
    data[data.length / 2] ^= 0x01;
    return new Cell(c.id(), Bytes.wrap(data), c.proof());
  }

  private void delay() {
    if (faults.readDelayMillis() == 0) return;
    try {
      Thread.sleep(faults.readDelayMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public List<Bytes32> blobsBefore(long epoch) {
    return inner.blobsBefore(epoch);
  }

  @Override
  public void delete(Bytes32 blobId) {
    inner.delete(blobId);
  }

  @Override
  public void close() {
    inner.close();
  }
}
