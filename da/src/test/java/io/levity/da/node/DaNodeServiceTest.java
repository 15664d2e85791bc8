package io.levity.da.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import io.levity.da.encoding.EncodedBlob;
import io.levity.da.node.DaNodeRefusal.Reason;
import io.levity.testing.ManualScheduler;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The node's checks, each alone: every refusal below would pass if its check were removed. */
class DaNodeServiceTest {
  private final DaNodeFixture f = new DaNodeFixture();
  private final EncodedBlob blob = DaNodeFixture.blob();
  private final InMemoryCellStore store = new InMemoryCellStore();
  private final ManualScheduler scheduler = new ManualScheduler();

  private DaNodeService node(int index, DaNodeLimits limits) {
    return new DaNodeService(f.keys.get(index), index, f.chain, store, limits, scheduler);
  }

  private DaNodeService node(int index) {
    return node(index, DaNodeLimits.defaults());
  }

  private static void refused(ThrowingCallable call, Reason reason, String text) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(DaNodeRefusal.class, r -> assertThat(r.reason()).isEqualTo(reason))
        .hasMessageContaining(text);
  }

  @Test
  void storesItsShareAndSignsAMessageTheChainAccepts() {
    StoreRequest req = f.request(1, 1);
    assertThat(req.cells()).isNotEmpty();
    BlsSignature sig = node(1).store(req);
    var message = f.chain.signingMessage(blob.header().id(), 1);
    assertThat(Bls.verify(f.keys.get(1).publicKey(), message, sig)).isTrue();
    assertThat(Bls.verify(f.keys.get(2).publicKey(), message, sig)).isFalse();
    assertThat(node(1).header(blob.header().id())).contains(blob.header());
    List<CellId> ids = req.cells().stream().map(Cell::id).toList();
    assertThat(node(1).cells(blob.header().id(), ids)).isEqualTo(req.cells());
  }

  @Test
  void storingTheSameBlobAgainReturnsTheSignatureWithoutWritingTwice() {
    DaNodeService n = node(0);
    BlsSignature first = n.store(f.request(0, 1));
    assertThat(n.store(f.request(0, 1))).isEqualTo(first);
    assertThat(store.puts()).isEqualTo(1);
  }

  @Test
  void acceptsThePreviousEpochButNotAnOlderOne() {
    f.chain.advanceEpoch(); // epoch 2: epoch 1 is the previous one
    assertThat(node(0).store(f.request(0, 1))).isNotNull();
    store.delete(blob.header().id());
    f.chain.advanceEpoch(); // epoch 3: epoch 1 is too old, though its share is right
    refused(() -> node(0).store(f.request(0, 1)), Reason.WRONG_EPOCH, "epoch 1 is neither");
    assertThat(store.blob(blob.header().id())).isEmpty();
  }

  @Test
  void refusesANodeOutsideTheEpochsQuorum() {
    StoreRequest someShare = f.request(0, 1);
    refused(
        () -> node(DaNodeFixture.LATE).store(someShare),
        Reason.NOT_IN_QUORUM,
        "not in the quorum of epoch 1");
  }

  @Test
  void refusesWhenRegisteredUnderAnotherKey() {
    DaNodeService impostor =
        new DaNodeService(
            f.keys.get(DaNodeFixture.LATE), 0, f.chain, store, DaNodeLimits.defaults(), scheduler);
    refused(() -> impostor.store(f.request(0, 1)), Reason.NOT_IN_QUORUM, "another BLS key");
  }

  @Test
  void refusesABlobOverItsLimit() {
    DaNodeService small = node(0, DaNodeLimits.defaults().withMaxBlobBytes(100_000));
    refused(() -> small.store(f.request(0, 1)), Reason.TOO_LARGE, "over this node's limit");
  }

  @Test
  void refusesAShareWithACellMissing() {
    StoreRequest r = f.request(0, 1);
    List<Cell> cells = new ArrayList<>(r.cells());
    Cell dropped = cells.remove(cells.size() - 1);
    refused(
        () -> node(0).store(new StoreRequest(r.header(), 1, cells)),
        Reason.WRONG_SHARE,
        "missing " + dropped.id());
  }

  @Test
  void refusesAShareWithAnotherNodesCell() {
    StoreRequest r = f.request(0, 1);
    Cell foreign = f.request(1, 1).cells().get(0);
    List<Cell> cells = new ArrayList<>(r.cells());
    cells.add(foreign);
    refused(
        () -> node(0).store(new StoreRequest(r.header(), 1, cells)),
        Reason.WRONG_SHARE,
        "not its " + foreign.id());
  }

  @Test
  void refusesAShareWithADuplicatedCell() {
    StoreRequest r = f.request(0, 1);
    List<Cell> cells = new ArrayList<>(r.cells());
    cells.add(cells.get(0));
    refused(
        () -> node(0).store(new StoreRequest(r.header(), 1, cells)),
        Reason.WRONG_SHARE,
        "duplicate " + cells.get(0).id());
  }

  @Test
  void refusesACellWhoseProofFailsAndStoresNothing() {
    StoreRequest r = f.request(2, 1);
    List<Cell> cells = new ArrayList<>(r.cells());
    Cell c = cells.get(1);
    byte[] data = c.data().toArray();
    data[100] ^= 0x40;
    cells.set(1, new Cell(c.id(), Bytes.wrap(data), c.proof()));
    refused(
        () -> node(2).store(new StoreRequest(r.header(), 1, cells)),
        Reason.BAD_PROOF,
        c.id().toString());
    assertThat(store.blob(r.header().id())).isEmpty();
  }

  @Test
  void refusesMoreIdsThanItServesAtOnce() {
    DaNodeService n = node(0, new DaNodeLimits(1 << 24, 14, 60_000, 2));
    List<CellId> ids = List.of(new CellId(0, 0), new CellId(0, 1), new CellId(0, 2));
    refused(() -> n.cells(blob.header().id(), ids), Reason.MALFORMED, "at most 2");
  }

  @Test
  void deletesBlobsPastTheRetentionOnItsScheduler() {
    DaNodeLimits limits = DaNodeLimits.defaults().withRetentionEpochs(2);
    DaNodeService n = node(0, limits);
    n.store(f.request(0, 1));
    f.chain.advanceEpoch();
    f.chain.advanceEpoch(); // epoch 3: 1 is not below 3 - 2
    scheduler.advance(limits.pruneIntervalMillis());
    assertThat(n.header(blob.header().id())).isPresent();
    f.chain.advanceEpoch(); // epoch 4: 1 < 4 - 2
    scheduler.advance(limits.pruneIntervalMillis() - 1);
    assertThat(n.header(blob.header().id())).as("before the next run").isPresent();
    scheduler.advance(1);
    assertThat(n.header(blob.header().id())).isEmpty();
    assertThat(n.cells(blob.header().id(), List.of(f.request(0, 1).cells().get(0).id()))).isEmpty();
    n.close();
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void aShareForThePreviousEpochAfterTheCurrentKeepsTheLaterRetention() {
    f.chain.advanceEpoch();
    DaNodeService n = node(0);
    BlsSignature current = n.store(f.request(0, 2));
    BlsSignature previous = n.store(f.request(0, 1));
    assertThat(previous).isNotEqualTo(current);
    assertThat(store.blob(blob.header().id()).orElseThrow().epoch()).isEqualTo(2);
  }
}
