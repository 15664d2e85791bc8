package io.levity.da.node;

import io.levity.da.encoding.BlobHeader;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.EncodedBlob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The process {@link CellStoreCrashIT} kills: stores whole shares (every cell of a two-piece blob,
 * under a new blob id each time) into a {@link RocksDbCellStore} and prints {@code stored n} after
 * each put returns, until killed.
 */
final class CellStoreCrashWriter {
  static final int BASE_LENGTH = 130_000;

  private CellStoreCrashWriter() {}

  /** The header of the {@code n}th share: another length of the same two pieces, another id. */
  static BlobHeader header(EncodedBlob blob, int n) {
    return new BlobHeader(BASE_LENGTH + n, blob.header().commitments());
  }

  static List<Cell> cells(EncodedBlob blob) {
    List<Cell> all = new ArrayList<>();
    blob.pieces().forEach(all::addAll);
    return all;
  }

  public static void main(String[] args) throws Exception {
    EncodedBlob blob = DaNodeFixture.blob();
    List<Cell> cells = cells(blob);
    try (RocksDbCellStore store = RocksDbCellStore.open(Path.of(args[0]))) {
      for (int n = 0; n < 100_000; n++) {
        store.put(header(blob, n), n, cells);
        System.out.println("stored " + n);
        System.out.flush();
      }
    }
  }
}
