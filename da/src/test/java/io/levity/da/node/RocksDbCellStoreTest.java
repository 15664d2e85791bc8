package io.levity.da.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.Bls;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import io.levity.da.encoding.EncodedBlob;
import io.levity.testing.ManualScheduler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RocksDB store keeps what a node signed for across a restart, and deletes it whole. */
class RocksDbCellStoreTest {
  @TempDir Path dir;

  @Test
  void aRestartedNodeServesTheSameCellsFromTheSameDirectory() throws Exception {
    DaNodeFixture f = new DaNodeFixture();
    EncodedBlob blob = DaNodeFixture.blob();
    Bytes32 id = blob.header().id();
    StoreRequest req = f.request(3, 1);
    List<CellId> ids = new ArrayList<>(req.cells().stream().map(Cell::id).toList());
    try (RocksDbCellStore store = RocksDbCellStore.open(dir);
        DaNodeService node =
            new DaNodeService(
                f.keys.get(3), 3, f.chain, store, DaNodeLimits.defaults(), new ManualScheduler())) {
      node.store(req);
    }
    try (RocksDbCellStore store = RocksDbCellStore.open(dir);
        DaNodeService node =
            new DaNodeService(
                f.keys.get(3), 3, f.chain, store, DaNodeLimits.defaults(), new ManualScheduler())) {
      assertThat(node.header(id)).contains(blob.header());
      ids.add(0, new CellId(0, 0).equals(ids.get(0)) ? new CellId(1, 127) : new CellId(0, 0));
      List<Cell> served = node.cells(id, ids);
      // the cell not in this node's share is left out; the rest come back as stored, in order
      assertThat(served).containsAnyElementsOf(req.cells());
      assertThat(served.stream().filter(req.cells()::contains).toList()).isEqualTo(req.cells());
      // the signature of the restarted node for the held blob is still its signature
      assertThat(
              Bls.verify(f.keys.get(3).publicKey(), f.chain.signingMessage(id, 1), node.store(req)))
          .isTrue();
    }
  }

  @Test
  void deletesABlobWholeAndListsOnlyOlderEpochs() throws Exception {
    EncodedBlob a = DaNodeFixture.blob();
    EncodedBlob b = DaNodeFixture.encode(1000, 9);
    try (RocksDbCellStore store = RocksDbCellStore.open(dir)) {
      store.put(a.header(), 5, a.pieces().get(1));
      store.put(b.header(), 7, b.pieces().get(0));
      assertThat(store.blobsBefore(6)).containsExactly(a.header().id());
      assertThat(store.blobsBefore(8)).hasSize(2);
      store.delete(a.header().id());
      assertThat(store.blob(a.header().id())).isEmpty();
      assertThat(store.cells(a.header().id(), List.of(new CellId(1, 0), new CellId(1, 127))))
          .isEmpty();
      assertThat(store.cells(b.header().id(), List.of(new CellId(0, 3))))
          .containsExactly(b.cell(new CellId(0, 3)));
      assertThat(store.blob(b.header().id()).orElseThrow().epoch()).isEqualTo(7);
    }
  }
}
