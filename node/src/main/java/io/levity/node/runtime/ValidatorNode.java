package io.levity.node.runtime;

import io.levity.consensus.crypto.Ed25519Scheme;
import io.levity.consensus.crypto.Signer;
import io.levity.consensus.engine.Action;
import io.levity.consensus.engine.CommitVerifier;
import io.levity.consensus.engine.Engine;
import io.levity.consensus.engine.EngineConfig;
import io.levity.consensus.engine.Event;
import io.levity.consensus.message.ConsensusCodec;
import io.levity.consensus.message.ConsensusMessage;
import io.levity.consensus.message.MalformedMessageException;
import io.levity.consensus.types.DecodeLimits;
import io.levity.consensus.types.Validator;
import io.levity.consensus.types.ValidatorSet;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockBuilder;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.fork.Fork;
import io.levity.execution.tx.TransactionValidator;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.node.api.EthApi;
import io.levity.node.api.EthJson;
import io.levity.node.api.StoreChainView;
import io.levity.node.mempool.AccountReader;
import io.levity.node.mempool.Mempool;
import io.levity.node.mempool.MempoolConfig;
import io.levity.node.mempool.MempoolException;
import io.levity.node.metrics.MetricsServer;
import io.levity.node.metrics.NodeMetrics;
import io.levity.node.p2p.MessageHandler;
import io.levity.node.p2p.Misbehavior;
import io.levity.node.p2p.NodeId;
import io.levity.node.p2p.P2pConfig;
import io.levity.node.p2p.P2pMessage;
import io.levity.node.p2p.P2pNetwork;
import io.levity.node.p2p.PeerAddress;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.node.rpc.JsonRpcServer;
import io.levity.node.rpc.RpcServerConfig;
import io.levity.node.rpc.SubscriptionHub;
import io.levity.node.store.BlockStore;
import io.levity.node.store.ConsensusStore;
import io.levity.node.store.RocksDbBlockStore;
import io.levity.trie.InMemoryKeyValueStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node, wired: RocksDB chain, state and consensus state, mempool, p2p, JSON-RPC and, for a
 * validator, the consensus engine driven in real time. Everything the engine sees (p2p messages,
 * timers, payloads, execution results) and everything that writes the chain (commits, synced
 * blocks) is serialised onto one thread, the consensus thread. Consensus orders {@link Payload}s;
 * each commit is executed by {@link ChainExecutor} and stored atomically with its consensus ledger
 * entry before the engine hears the state root.
 *
 * <p><b>Block sync.</b> Every node announces its head ({@code Status}) to its peers twice a second.
 * A node more than {@link #SYNC_GAP} blocks behind its best peer (after a restart, a partition, or
 * from an empty disk) pauses its engine and fetches committed blocks with their commit certificates
 * ({@code GetBlocks}/{@code Blocks}); each batch must hash-link to its own ledger tip and end at a
 * block a verified certificate commits, and is re-executed before it is stored. Once level again it
 * restarts the engine from its persisted safety state and ledger. A full node (key not in the
 * validator set) never runs the engine and follows by sync alone.
 */
public final class ValidatorNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ValidatorNode.class);

  /** A validator further behind its best peer than this pauses consensus and syncs blocks. */
  public static final int SYNC_GAP = 4;

  private static final long STATUS_INTERVAL_MILLIS = 500;
  private static final long SYNC_TIMEOUT_NANOS = 5_000_000_000L;

  private final ValidatorConfig cfg;
  private final int index;
  private final RocksDbBlockStore store;
  private final ConsensusStore consensus;
  private final ChainExecutor executor;
  private final Mempool mempool;
  private final PayloadBuilder payloads;
  private final TransactionValidator txValidator;
  private final JsonRpcProcessor rpc;
  private final SubscriptionHub hub;
  private final List<NodeId> nodeIds = new ArrayList<>();
  private final Map<NodeId, Integer> indexOf = new HashMap<>();
  private final ScheduledExecutorService thread;
  private final Map<Long, ScheduledFuture<?>> timers = new HashMap<>();
  private final ValidatorSet validatorSet;
  private final EngineConfig engineConfig;
  private final ConsensusCodec codec;
  private final CommitVerifier commitVerifier;
  private final P2pNetwork p2p;
  private final PeerHeights peerHeights;
  private Engine engine;

  /**
   * Bumped whenever the engine stops or starts, so timers of an earlier engine fire into nothing.
   */
  private long engineGeneration;

  private NodeId syncPeer;
  private long syncSentNanos;
  private long syncedBlocks;
  private volatile boolean halted;
  private volatile Consumer<Throwable> fatalHandler = t -> {};
  private JsonRpcServer rpcServer;
  private MetricsServer metricsServer;
  private volatile boolean closed;
  private volatile long round;
  private volatile boolean syncing;
  private final NodeMetrics metrics = new NodeMetrics();
  private final NodeMetrics.Counter committedBlocks =
      metrics.counter(
          "levity_committed_blocks_total", "Blocks committed by consensus and executed.");
  private final NodeMetrics.Counter committedTxs =
      metrics.counter(
          "levity_committed_transactions_total",
          "Transactions in committed blocks (rate() gives tx/s).");
  private final NodeMetrics.Counter syncedBlocksCounter =
      metrics.counter(
          "levity_synced_blocks_total", "Committed blocks fetched from peers and executed.");
  private final NodeMetrics.Summary blockInterval =
      metrics.summary(
          "levity_block_interval_seconds", "Wall time between consecutive commits on this node.");
  private final NodeMetrics.Summary commitLatency =
      metrics.summary(
          "levity_commit_latency_seconds",
          "Wall time from this node's first sight of a proposal (or its own payload request) to its commit.");
  private final Map<Long, Long> firstSeenNanos = new HashMap<>();
  private long lastCommitNanos;

  public ValidatorNode(ValidatorConfig cfg) {
    this.cfg = cfg;
    this.index = cfg.index();
    this.store =
        cfg.dataDir() == null
            ? new RocksDbBlockStore(new InMemoryKeyValueStore())
            : RocksDbBlockStore.open(cfg.dataDir());
    try {
      store.initialize(cfg.genesis());
      List<Validator> validators = new ArrayList<>();
      for (Bytes k : cfg.validators()) {
        NodeId id = new NodeId(k);
        indexOf.put(id, nodeIds.size());
        nodeIds.add(id);
        validators.add(new Validator(k, 1));
      }
      this.validatorSet = new ValidatorSet(ValidatorConfig.CONSENSUS_EPOCH, validators);
      this.peerHeights = new PeerHeights(indexOf.keySet());
      this.engineConfig =
          EngineConfig.defaults(cfg.chainId())
              .withTimeouts(
                  cfg.baseTimeoutMillis(), 1.5, Math.max(30_000, 10 * cfg.baseTimeoutMillis()));
      DecodeLimits limits =
          new DecodeLimits(
              16 << 20,
              engineConfig.maxPayloadBytes(),
              ValidatorSet.MAX_VALIDATORS,
              Ed25519Scheme.INSTANCE.maxSignatureBytes(),
              engineConfig.syncBatch());
      this.codec = new ConsensusCodec(limits);
      this.consensus = new ConsensusStore(store, limits);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    this.commitVerifier = new CommitVerifier(engineConfig, validatorSet, Ed25519Scheme.INSTANCE);
    this.executor = new ChainExecutor(store, cfg.chainId());
    this.mempool =
        new Mempool(MempoolConfig.DEFAULT, mempoolReader(), store.head().orElseThrow().gasLimit());
    this.payloads = new PayloadBuilder(mempool, consensus.pendingBlocks(), cfg.feeRecipient());
    this.txValidator = new TransactionValidator(Fork.CANCUN, cfg.chainId());
    this.rpc = new JsonRpcProcessor(1000);
    this.hub = new SubscriptionHub(rpc.json());
    String name = index >= 0 ? "consensus-" + index : "node";
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    BlockHeader genesisHeader = store.canonicalHash(0).flatMap(store::block).orElseThrow().header();
    P2pConfig pc = P2pConfig.defaults(cfg.chainId(), genesisHeader.hash()).withPort(cfg.p2pPort());
    this.p2p = new P2pNetwork(pc, cfg.nodeKey(), new Inbound());

    StoreChainView view =
        new StoreChainView(cfg.chainId(), store, mempool, () -> p2p.peers().size());
    new EthApi(
            view,
            EthApi.Config.DEFAULT,
            (tx, raw) -> p2p.gossip(new P2pMessage.Transactions(List.of(Bytes.wrap(raw)))))
        .register(rpc);

    metrics.gauge("levity_chain_height", "Number of the head block.", () -> head().number());
    metrics.gauge("levity_consensus_round", "Current consensus round.", () -> round);
    metrics.gauge(
        "levity_mempool_transactions", "Transactions waiting in the mempool.", mempool::size);
    metrics.gauge("levity_p2p_peers", "Connected peers.", this::peerCount);
    metrics.gauge(
        "levity_syncing",
        "1 while the node fetches blocks it is missing, else 0.",
        () -> syncing ? 1 : 0);
  }

  /** This node's metrics (Prometheus text through {@link #serveMetrics}). */
  public NodeMetrics metrics() {
    return metrics;
  }

  /** Serves the metrics at GET /metrics on 127.0.0.1 (0 picks a free port); returns the port. */
  public int serveMetrics(int port) throws InterruptedException {
    metricsServer = new MetricsServer(metrics);
    return metricsServer.start("127.0.0.1", port);
  }

  /**
   * Called (once, on the consensus thread) when the node cannot go on safely, for example when a
   * committed block cannot be executed or stored: the node has already stopped consensus and block
   * sync. The command line exits.
   */
  public void onFatal(Consumer<Throwable> handler) {
    this.fatalHandler = handler;
  }

  /**
   * Binds the p2p port, starts announcing the head and, for a validator, starts consensus where its
   * persisted state left it; returns the bound p2p port.
   */
  public synchronized int start() throws InterruptedException {
    if (closed) throw new IllegalStateException("closed");
    int port = p2p.start();
    thread.scheduleWithFixedDelay(
        () -> guarded(this::tick),
        STATUS_INTERVAL_MILLIS,
        STATUS_INTERVAL_MILLIS,
        TimeUnit.MILLISECONDS);
    if (index >= 0) onThread(this::startEngine);
    LOG.info(
        "{} started at head {} (p2p 127.0.0.1:{})",
        index >= 0 ? "validator " + index : "full node",
        head().number(),
        port);
    return port;
  }

  /** Dials other nodes (static peers, redialled by the transport when a connection drops). */
  public void connect(List<PeerAddress> peers) {
    for (PeerAddress p : peers) p2p.addStaticPeer(p);
  }

  /**
   * Serves this node's JSON-RPC over HTTP and WebSocket (0 picks a free port); returns {http, ws}
   * ports.
   */
  public int[] serveRpc(int httpPort, int wsPort) throws InterruptedException {
    rpcServer = new JsonRpcServer(rpc, hub, RpcServerConfig.DEFAULT);
    return new int[] {rpcServer.startHttp(httpPort), rpcServer.startWebSocket(wsPort)};
  }

  public JsonRpcProcessor rpc() {
    return rpc;
  }

  public BlockStore store() {
    return store;
  }

  public Mempool mempool() {
    return mempool;
  }

  public BlockHeader head() {
    return store.head().orElseThrow();
  }

  public int peerCount() {
    return p2p.peers().size();
  }

  public NodeId nodeId() {
    return p2p.nodeId();
  }

  /** True while consensus is paused to fetch missing blocks (always false once caught up). */
  public boolean isSyncing() {
    return syncing;
  }

  public boolean isHalted() {
    return halted;
  }

  // ---- the consensus thread ----

  private void onThread(Runnable r) {
    if (closed) return;
    try {
      thread.execute(() -> guarded(r));
    } catch (
        java.util.concurrent.RejectedExecutionException
            e) { // closed between the check and the call
      LOG.debug("{}: event dropped while closing", name());
    }
  }

  private void guarded(Runnable r) {
    if (closed || halted) return;
    try {
      r.run();
    } catch (RuntimeException e) {
      if (closed && e instanceof java.util.concurrent.RejectedExecutionException) {
        LOG.debug(
            "{}: step cut short by close: {}", name(), e.toString()); // a timer set while closing
      } else {
        LOG.error("{}: consensus step failed", name(), e);
      }
    }
  }

  private String name() {
    return index >= 0 ? "validator " + index : "full node";
  }

  private void startEngine() {
    if (engine != null || halted || index < 0) return;
    cancelTimers();
    engineGeneration++;
    Signer signer = Ed25519Scheme.INSTANCE.signer(cfg.nodeKey().secretKey());
    engine =
        new Engine(
            engineConfig,
            validatorSet,
            index,
            signer,
            Ed25519Scheme.INSTANCE,
            consensus.safety(),
            consensus,
            consensus.pendingBlocks());
    BlockHeader h = head();
    if (h.number() > 0) {
      Bytes32 tip = consensus.idAt(h.number()).orElseThrow();
      apply(engine.handle(new Event.BlockExecuted(tip, h.number(), h.stateRoot())));
    }
    apply(engine.handle(new Event.Start()));
    LOG.info(
        "{}: consensus running from height {}, round {}",
        name(),
        h.number(),
        engine.currentRound());
  }

  private void stopEngine(String why) {
    if (engine == null) return;
    LOG.info("{}: consensus paused: {}", name(), why);
    engine = null;
    engineGeneration++;
    cancelTimers();
  }

  private void cancelTimers() {
    for (ScheduledFuture<?> f : timers.values()) f.cancel(false);
    timers.clear();
  }

  /** Runs {@code event} through the engine if it is still the one the event was meant for. */
  private void handle(long generation, Event event) {
    if (engine == null || generation != engineGeneration) return;
    apply(engine.handle(event));
  }

  private void apply(List<Action> actions) {
    Engine e = engine;
    if (e == null) return;
    long gen = engineGeneration;
    round = e.currentRound();
    firstSeenNanos.putIfAbsent(round, System.nanoTime());
    for (Action a : actions) {
      if (gen != engineGeneration || halted)
        return; // a commit failed or sync paused the engine mid-list
      switch (a) {
        case Action.Send x -> p2p.send(nodeIds.get(x.to()), wire(x.message()));
        case Action.Broadcast x -> p2p.broadcast(wire(x.message()));
        case Action.SetTimer x -> {
          ScheduledFuture<?> old =
              timers.put(
                  x.timerId(),
                  thread.schedule(
                      () ->
                          guarded(() -> handle(gen, new Event.TimerFired(x.timerId(), x.round()))),
                      x.delayMillis(),
                      TimeUnit.MILLISECONDS));
          if (old != null) old.cancel(false);
        }
        case Action.RequestPayload x -> schedulePayload(gen, x, System.nanoTime());
        case Action.Commit x -> commit(x);
        case Action.Alarm x -> LOG.warn("{}: consensus alarm {}: {}", name(), x.kind(), x.detail());
      }
    }
  }

  private static P2pMessage wire(ConsensusMessage m) {
    return new P2pMessage.ConsensusMessage(Bytes.wrap(ConsensusCodec.encode(m)));
  }

  /**
   * Block pacing. An idle chain makes a block every block interval. When there is work
   * (transactions waiting that no uncommitted ancestor already carries, or an uncommitted ancestor
   * with transactions that needs the next certificates to commit), the leader proposes after the
   * short {@link #minBlockIntervalMillis}: under load, rounds run back to back and commit latency
   * is a few network round trips plus execution, not three block intervals.
   */
  private void schedulePayload(long gen, Action.RequestPayload x, long requestedAt) {
    long poll = Math.max(5, Math.min(25, minBlockIntervalMillis()));
    thread.schedule(
        () ->
            guarded(
                () -> {
                  if (gen != engineGeneration) return;
                  long waited = (System.nanoTime() - requestedAt) / 1_000_000;
                  PayloadBuilder.InFlight inFlight = payloads.inFlight(x.parentId());
                  if (waited >= cfg.blockIntervalMillis()
                      || (payloads.hasWork(inFlight) && waited >= minBlockIntervalMillis())) {
                    Payload p = payloads.build(head(), inFlight, System.currentTimeMillis() / 1000);
                    handle(gen, new Event.PayloadReady(x.round(), p.encode()));
                  } else {
                    schedulePayload(gen, x, requestedAt);
                  }
                }),
        poll,
        TimeUnit.MILLISECONDS);
  }

  private long minBlockIntervalMillis() {
    return Math.min(cfg.blockIntervalMillis(), Math.max(20, cfg.blockIntervalMillis() / 10));
  }

  private void commit(Action.Commit c) {
    io.levity.consensus.types.ConsensusBlock cb = c.block();
    long now = System.nanoTime();
    Long seen = firstSeenNanos.get(cb.round());
    if (seen != null) commitLatency.observe((now - seen) / 1e9);
    firstSeenNanos.keySet().removeIf(r -> r <= cb.round());
    if (lastCommitNanos != 0) blockInterval.observe((now - lastCommitNanos) / 1e9);
    lastCommitNanos = now;
    long headNumber = head().number();
    if (cb.height() != headNumber + 1) {
      fatal(
          new IllegalStateException(
              "consensus committed height "
                  + cb.height()
                  + " but the chain head is "
                  + headNumber));
      return;
    }
    Block b;
    try {
      b = executeAndStore(cb, c.proof());
    } catch (RuntimeException e) {
      fatal(e);
      return;
    }
    committedBlocks.add(1);
    committedTxs.add(b.transactions().size());
    long gen = engineGeneration;
    onThread(
        () -> handle(gen, new Event.BlockExecuted(cb.id(), cb.height(), b.header().stateRoot())));
  }

  /**
   * Executes a committed consensus block's payload and stores the result with its ledger entry, in
   * one batch.
   */
  private Block executeAndStore(
      io.levity.consensus.types.ConsensusBlock cb, io.levity.consensus.types.QuorumCert proof) {
    Payload payload;
    try {
      payload = Payload.decode(cb.payload());
    } catch (
        RuntimeException e) { // a certified but malformed payload: every node executes it as empty
      LOG.warn(
          "{}: committed payload at height {} is malformed: {}",
          name(),
          cb.height(),
          e.getMessage());
      payload = Payload.EMPTY;
    }
    BlockBuilder.Built built =
        executor.executeAndStore(
            payload, cb.id(), batch -> consensus.ledgerEntry(batch, cb, proof));
    Block b = built.block();
    mempool.onNewState(mempoolReader(), b.header().gasLimit());
    hub.publishHead(EthJson.head(b));
    for (BlockStore.IndexedLog l : store.logs(b.hash())) hub.publishLog(EthJson.log(l));
    LOG.debug(
        "{}: block {} {} txs={} root={}",
        name(),
        b.number(),
        b.hash(),
        b.transactions().size(),
        b.header().stateRoot());
    return b;
  }

  private void fatal(Throwable t) {
    if (halted) return;
    halted = true;
    LOG.error("{}: halting: cannot go on safely: {}", name(), t.toString(), t);
    engine = null;
    engineGeneration++;
    cancelTimers();
    try {
      fatalHandler.accept(t);
    } catch (RuntimeException e) {
      LOG.error("{}: fatal handler failed", name(), e);
    }
  }

  // ---- status and block sync (consensus thread) ----

  private void tick() {
    BlockHeader h = head();
    p2p.broadcast(new P2pMessage.Status(h.number(), h.hash()));
    syncStep();
  }

  /**
   * Decides whether to fetch blocks, pause or resume consensus; sends at most one request at a
   * time.
   */
  private void syncStep() {
    long h = head().number();
    Optional<PeerHeights.Peer> best = peerHeights.best(p2p::isConnected);
    if (syncPeer != null && System.nanoTime() - syncSentNanos > SYNC_TIMEOUT_NANOS) {
      LOG.info("{}: block request to {} timed out", name(), syncPeer.shortHex());
      p2p.penalize(syncPeer, Misbehavior.USELESS_DATA);
      peerHeights.forget(syncPeer); // ask someone else; its next Status brings it back
      syncPeer = null;
    }
    // A running validator pauses only when f + 1 validators say they are ahead, so at least one
    // honest one is: a single peer announcing a height it does not have cannot stall consensus (and
    // is penalised when it fails to serve it, below).
    if (engine != null && peerHeights.claimedByFPlusOne(p2p::isConnected) > h + SYNC_GAP) {
      stopEngine(
          "behind by " + (best.map(PeerHeights.Peer::height).orElse(h) - h) + " blocks; syncing");
    }
    if (engine == null && best.isPresent() && best.get().height() > h) {
      syncing = true;
      if (syncPeer == null) {
        syncPeer = best.get().id();
        syncSentNanos = System.nanoTime();
        p2p.send(syncPeer, new P2pMessage.GetBlocks(h + 1, SyncBatches.BATCH));
      }
      return;
    }
    if (syncPeer == null && syncing) {
      syncing = false;
      LOG.info("{}: caught up at height {} ({} blocks synced so far)", name(), h, syncedBlocks);
    }
    if (engine == null && index >= 0 && syncPeer == null) startEngine();
  }

  /**
   * A peer's answer to our GetBlocks: verify, execute and store what it proves committed, then go
   * on.
   */
  private void onBlocks(NodeId from, List<Bytes> items) {
    if (!from.equals(syncPeer)) return; // unsolicited or late
    syncPeer = null;
    List<ConsensusStore.Entry> entries = new ArrayList<>(items.size());
    try {
      for (Bytes item : items) entries.add(consensus.decodeEntry(item.toArray()));
    } catch (RuntimeException e) {
      LOG.info("{}: malformed blocks from {}: {}", name(), from.shortHex(), e.getMessage());
      p2p.penalize(from, Misbehavior.MALFORMED_MESSAGE);
      peerHeights.forget(from);
      return;
    }
    if (entries
        .isEmpty()) { // it announced a height it cannot serve (nothing is ever pruned): a lie or a
      // bug
      p2p.penalize(from, Misbehavior.INVALID_DATA);
      peerHeights.forget(from);
      return;
    }
    long h = head().number();
    Bytes32 tip = h == 0 ? commitVerifier.genesisId() : consensus.idAt(h).orElseThrow();
    SyncBatches.Verified verified = SyncBatches.verify(commitVerifier, tip, h, entries);
    if (verified.refused().isPresent()) {
      LOG.warn("{}: blocks from {} refused: {}", name(), from.shortHex(), verified.refused().get());
      p2p.penalize(from, Misbehavior.INVALID_DATA);
      peerHeights.forget(from);
      return;
    }
    int last = verified.count() - 1;
    for (int i = 0; i <= last; i++) {
      ConsensusStore.Entry e = entries.get(i);
      try {
        Block b = executeAndStore(e.block(), e.proof());
        syncedBlocks++;
        syncedBlocksCounter.add(1);
        committedTxs.add(b.transactions().size());
      } catch (RuntimeException ex) {
        fatal(ex);
        return;
      }
    }
    LOG.info("{}: synced to height {} from {}", name(), head().number(), from.shortHex());
    syncStep(); // the next batch right away
  }

  /**
   * Serves a GetBlocks from the ledger (p2p inbound thread; the store is safe to read
   * concurrently).
   */
  private void serveBlocks(NodeId from, P2pMessage.GetBlocks g) {
    p2p.send(from, new P2pMessage.Blocks(SyncBatches.serve(consensus, g.fromHeight(), g.max())));
  }

  private AccountReader mempoolReader() {
    return new HeadAccounts(store.keyValueStore(), head().stateRoot());
  }

  /** Runs on the p2p inbound thread: decode, then hand over to the consensus thread. */
  private final class Inbound implements MessageHandler {
    @Override
    public void onMessage(NodeId from, P2pMessage message) {
      switch (message) {
        case P2pMessage.ConsensusMessage m -> {
          Integer idx = indexOf.get(from);
          if (idx == null || index < 0) return; // not from a validator, or we are not one
          ConsensusMessage decoded;
          try {
            decoded = codec.decode(m.payload().toArray());
          } catch (MalformedMessageException e) {
            LOG.debug("{}: malformed consensus message from {}: {}", name(), idx, e.getMessage());
            p2p.penalize(from, Misbehavior.INVALID_DATA);
            return;
          }
          onThread(() -> handle(engineGeneration, new Event.MessageReceived(idx, decoded)));
        }
        case P2pMessage.Transactions t -> {
          for (Bytes raw : t.transactions()) {
            try {
              // The hash of a transaction is that of its encoding: known ones skip decoding and
              // signature recovery.
              if (mempool.contains(io.levity.core.crypto.Keccak.hash(raw.toArray()))) continue;
              ValidatedTransaction v = txValidator.decodeAndValidate(raw.toArray());
              mempool.add(v, raw.size());
              p2p.gossip(new P2pMessage.Transactions(List.of(raw)));
            } catch (MempoolException | RuntimeException e) {
              LOG.debug("{}: gossiped transaction refused: {}", name(), e.getMessage());
            }
          }
        }
        case P2pMessage.Status s -> peerHeights.announced(from, s.height());
        case P2pMessage.GetBlocks g -> serveBlocks(from, g);
        case P2pMessage.Blocks b -> onThread(() -> onBlocks(from, b.blocks()));
        default -> {}
      }
    }

    @Override
    public void onPeerDisconnected(NodeId peer) {
      peerHeights.forget(peer);
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (rpcServer != null) rpcServer.close();
    if (metricsServer != null) metricsServer.close();
    p2p.close();
    store.close();
  }
}
