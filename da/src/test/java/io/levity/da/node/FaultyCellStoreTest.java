package io.levity.da.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import io.levity.da.encoding.CellVerifier;
import io.levity.da.encoding.EncodedBlob;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The test-only faults: what a lying or hiding node serves. */
class FaultyCellStoreTest {
  private final EncodedBlob blob = DaNodeFixture.blob();
  private final List<Cell> cells = blob.pieces().get(0).subList(0, 4);
  private final List<CellId> ids = cells.stream().map(Cell::id).toList();

  private FaultyCellStore store(NodeFaults faults) {
    InMemoryCellStore inner = new InMemoryCellStore();
    inner.put(blob.header(), 1, cells);
    return new FaultyCellStore(inner, faults);
  }

  @Test
  void anHonestSettingServesCellsWhoseProofsHold() {
    List<Cell> served = store(NodeFaults.none()).cells(blob.header().id(), ids);
    assertThat(served).isEqualTo(cells);
    assertThat(CellVerifier.invalid(blob.header(), served)).isEmpty();
  }

  @Test
  void corruptedCellsFailTheirProofs() {
    CellId bad = ids.get(2);
    List<Cell> served = store(NodeFaults.corrupting(Set.of(bad))).cells(blob.header().id(), ids);
    assertThat(CellVerifier.invalid(blob.header(), served)).containsExactly(bad);
    List<Cell> all = store(NodeFaults.corruptingAll()).cells(blob.header().id(), ids);
    assertThat(CellVerifier.invalid(blob.header(), all)).isEqualTo(ids);
  }

  @Test
  void withheldCellsAreLeftOut() {
    CellId hidden = ids.get(1);
    assertThat(store(NodeFaults.withholding(Set.of(hidden))).cells(blob.header().id(), ids))
        .extracting(Cell::id)
        .containsExactly(ids.get(0), ids.get(2), ids.get(3));
    assertThat(store(NodeFaults.withholdingAll()).cells(blob.header().id(), ids)).isEmpty();
  }
}
