package io.levity.node.runtime;

import io.levity.consensus.engine.CommitVerifier;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.time.Scheduler;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockHeader;
import io.levity.node.p2p.DisconnectReason;
import io.levity.node.p2p.Misbehavior;
import io.levity.node.p2p.NodeId;
import io.levity.node.p2p.P2pMessage;
import io.levity.node.p2p.PeerNetwork;
import io.levity.node.p2p.PeerQuotas;
import io.levity.node.store.ConsensusStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out block sync on the consensus thread: announces the head to the peers every {@link
 * #STATUS_INTERVAL_MILLIS} and asks the {@link BlockSyncer} what to do, checks the batches peers
 * send ({@link SyncBatches}), imports what they prove committed, and pauses or restarts the engine.
 * Also serves other nodes' block requests from the ledger, within a byte quota per peer ({@link
 * #SERVE_BYTES_PER_SECOND}); a peer asking while over it is disconnected as {@code RATE_LIMITED}.
 */
final class SyncRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);

  /** How often the node announces its head and reconsiders sync. */
  static final long STATUS_INTERVAL_MILLIS = 500;

  /**
   * Bytes of blocks served to one peer a second on average, and at once: an honest node asks one
   * batch (at most 14 MiB) at a time and executes it before asking again.
   */
  static final long SERVE_BYTES_PER_SECOND = 16 << 20;

  static final long SERVE_BURST_BYTES = 64 << 20;

  /** What a block request costs its peer besides the bytes served (lookups, encoding). */
  static final long REQUEST_COST_BYTES = 16 << 10;

  /** The engine as sync sees it: running or not, and the switch. */
  interface EngineControl {
    boolean running();

    void start();

    void stop(String why);
  }

  /** What the runner needs around it. */
  record Parts(
      Scheduler thread,
      PeerNetwork net,
      ConsensusStore ledger,
      CommitVerifier verifier,
      BlockImporter importer,
      EngineControl engine,
      RuntimeMetrics metrics,
      Consumer<Throwable> fatal,
      String name) {}

  private final BlockSyncer syncer;
  private final Parts p;
  private final PeerQuotas serveQuota;
  private long syncedBlocks;
  private volatile boolean heardQuorum;

  SyncRunner(BlockSyncer syncer, Parts parts) {
    this.syncer = syncer;
    this.p = parts;
    this.serveQuota =
        new PeerQuotas(SERVE_BYTES_PER_SECOND, SERVE_BURST_BYTES, p.thread().time()::nanoTime);
  }

  /** Starts the periodic announcement; cancel the result to stop it. */
  Scheduler.Cancellable start() {
    return p.thread().scheduleRepeating(STATUS_INTERVAL_MILLIS, this::tick);
  }

  boolean syncing() {
    return syncer.syncing();
  }

  /** {@link #blocksBehind} before the node has heard enough peers to tell. */
  static final long UNKNOWN = -1;

  /**
   * How many blocks the head is below what at least f + 1 connected validators announce (so at
   * least one honest one has them); 0 when it is not behind; {@link #UNKNOWN} from the start until
   * f + 1 validators have announced once (just restarted, it cannot tell yet; on a chain where
   * fewer than f + 1 others exist, it is never unknown). Any thread.
   */
  long blocksBehind() {
    long claimed = syncer.heights().claimedByFPlusOne(p.net()::isConnected);
    if (claimed < 0) {
      return heardQuorum || !syncer.heights().othersCanOutvote(p.net().nodeId()) ? 0 : UNKNOWN;
    }
    heardQuorum = true;
    return Math.max(0, claimed - p.importer().head().number());
  }

  /** A peer announced its head (any thread). */
  void announced(NodeId peer, long height) {
    syncer.heights().announced(peer, height);
  }

  /** A peer went away (any thread). */
  void disconnected(NodeId peer) {
    syncer.heights().forget(peer);
  }

  private void tick() {
    BlockHeader h = p.importer().head();
    p.net().broadcast(new P2pMessage.Status(h.number(), h.hash()));
    step();
  }

  private void step() {
    long head = p.importer().head().number();
    List<BlockSyncer.Step> steps =
        syncer.decide(
            head, p.engine().running(), p.net()::isConnected, p.thread().time().nanoTime());
    perform(steps, List.of());
  }

  /**
   * A peer's answer to a block request (any thread): checked and imported on the consensus thread.
   */
  void received(NodeId from, List<Bytes> items) {
    p.thread().execute(() -> onBlocks(from, items));
  }

  private void onBlocks(NodeId from, List<Bytes> items) {
    if (!syncer.expecting(from)) return; // unsolicited or late: not worth decoding
    List<ConsensusStore.Entry> entries = new ArrayList<>(items.size());
    perform(syncer.received(from, check(items, entries)), entries);
  }

  /** Decodes a batch into {@code entries} and finds how much of it is proven committed. */
  private BlockSyncer.Batch check(List<Bytes> items, List<ConsensusStore.Entry> entries) {
    try {
      for (Bytes item : items) entries.add(p.ledger().decodeEntry(item.toArray()));
    } catch (RuntimeException e) {
      return BlockSyncer.Batch.faulty(
          Misbehavior.MALFORMED_MESSAGE, "malformed: " + e.getMessage());
    }
    if (entries.isEmpty()) {
      // It announced a height it cannot serve (nothing is ever pruned): a lie or a bug.
      return BlockSyncer.Batch.faulty(
          Misbehavior.FALSE_CLAIM, "no blocks for a height it announced");
    }
    long h = p.importer().head().number();
    Bytes32 tip = p.importer().headId().orElse(p.verifier().genesisId());
    SyncBatches.Verified verified = SyncBatches.verify(p.verifier(), tip, h, entries);
    if (verified.refused().isPresent()) {
      return BlockSyncer.Batch.faulty(Misbehavior.FALSE_CLAIM, verified.refused().get());
    }
    return BlockSyncer.Batch.importable(verified.count());
  }

  private void perform(List<BlockSyncer.Step> steps, List<ConsensusStore.Entry> batch) {
    for (BlockSyncer.Step s : steps) {
      switch (s) {
        case BlockSyncer.Step.Penalize x -> {
          LOG.info("{}: blocks from {} refused: {}", p.name(), x.peer().shortHex(), x.reason());
          p.net().penalize(x.peer(), x.why());
        }
        case BlockSyncer.Step.PauseEngine x -> p.engine().stop(x.why());
        case BlockSyncer.Step.Ask x ->
            p.net().send(x.peer(), new P2pMessage.GetBlocks(x.fromHeight(), x.max()));
        case BlockSyncer.Step.Import x -> {
          if (!importBlocks(batch.subList(0, x.count()))) return;
          step(); // the next batch right away
        }
        case BlockSyncer.Step.CaughtUp x ->
            LOG.info(
                "{}: caught up at height {} ({} blocks synced so far)",
                p.name(),
                x.height(),
                syncedBlocks);
        case BlockSyncer.Step.StartEngine x -> p.engine().start();
      }
    }
  }

  /** Executes and stores verified blocks; false when one fails (the node has halted then). */
  private boolean importBlocks(List<ConsensusStore.Entry> entries) {
    for (ConsensusStore.Entry e : entries) {
      try {
        Block b = p.importer().importCommitted(e.block(), e.proof());
        syncedBlocks++;
        p.metrics().synced(b.transactions().size());
      } catch (RuntimeException ex) {
        p.fatal().accept(ex);
        return false;
      }
    }
    LOG.info("{}: synced to height {}", p.name(), p.importer().head().number());
    return true;
  }

  /**
   * Serves a peer's block request from the ledger (p2p inbound thread; the store is safe to read
   * concurrently).
   */
  void serve(NodeId from, P2pMessage.GetBlocks g) {
    if (!serveQuota.available(from)) {
      LOG.info("{}: {} asks for blocks faster than its quota", p.name(), from.shortHex());
      p.net().disconnect(from, DisconnectReason.RATE_LIMITED);
      return;
    }
    List<Bytes> blocks = SyncBatches.serve(p.ledger(), g.fromHeight(), g.max());
    long cost = REQUEST_COST_BYTES;
    for (Bytes b : blocks) cost += b.size();
    serveQuota.charge(from, cost);
    p.net().send(from, new P2pMessage.Blocks(blocks));
  }
}
