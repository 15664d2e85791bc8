package io.levity.node.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.consensus.crypto.Ed25519Scheme;
import io.levity.consensus.engine.CommitVerifier;
import io.levity.consensus.engine.Engine;
import io.levity.consensus.engine.EngineConfig;
import io.levity.consensus.engine.Equivocation;
import io.levity.consensus.message.ConsensusCodec;
import io.levity.consensus.types.DecodeLimits;
import io.levity.consensus.types.Validator;
import io.levity.consensus.types.ValidatorSet;
import io.levity.core.bytes.Bytes;
import io.levity.core.time.Scheduler;
import io.levity.core.time.ThreadScheduler;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.fork.Fork;
import io.levity.execution.tx.TransactionValidator;
import io.levity.node.api.DebugApi;
import io.levity.node.api.EthApi;
import io.levity.node.api.EthJson;
import io.levity.node.api.StoreChainView;
import io.levity.node.api.trace.TraceLimits;
import io.levity.node.mempool.Mempool;
import io.levity.node.metrics.MetricsServer;
import io.levity.node.metrics.NodeMetrics;
import io.levity.node.p2p.NodeId;
import io.levity.node.p2p.P2pConfig;
import io.levity.node.p2p.P2pNetwork;
import io.levity.node.p2p.PeerAddress;
import io.levity.node.p2p.PeerNetwork;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.node.rpc.JsonRpcServer;
import io.levity.node.rpc.RpcServerConfig;
import io.levity.node.rpc.SubscriptionHub;
import io.levity.node.store.BlockStore;
import io.levity.node.store.ConsensusStore;
import io.levity.node.store.EvidenceStore;
import io.levity.node.store.RocksDbBlockStore;
import io.levity.trie.InMemoryKeyValueStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node, wired: RocksDB chain, state and consensus state, mempool, p2p, JSON-RPC and, for a
 * validator, the consensus engine. This class builds the parts and owns their lifecycle; the work
 * is theirs: {@link ConsensusDriver} (engine actions to sends and timers), {@link PayloadPacer}
 * (when the leader proposes), {@link BlockImporter} (execute and store committed blocks), {@link
 * BlockSyncer} and {@link SyncRunner} (block sync), {@link InboundMessages} (what peers send) and
 * {@link RuntimeMetrics}. Everything the engine sees and everything that writes the chain runs on
 * one {@link Scheduler}, the consensus thread; time is read from that scheduler only. See
 * docs/node.md.
 */
public final class ValidatorNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ValidatorNode.class);

  /** A validator further behind its best peer than this pauses consensus and syncs blocks. */
  public static final int SYNC_GAP = BlockSyncer.SYNC_GAP;

  private final boolean validator;
  private final String name;
  private final String p2pHost;
  private final AutoCloseable ownedScheduler;
  private final GatedScheduler thread;
  private final RocksDbBlockStore store;
  private final Mempool mempool;
  private final JsonRpcProcessor rpc;
  private final SubscriptionHub hub;
  private final RuntimeMetrics metrics;
  private final PeerNetwork p2p;
  private final ConsensusDriver driver;
  private final BlockImporter importer;
  private final SyncRunner sync;
  private final Handoff inbound = new Handoff();
  private final EvidenceStore evidence;
  private final CatchUpWait catchUp;
  private volatile Consumer<Throwable> fatalHandler = t -> {};
  private volatile boolean halted;
  private volatile boolean closed;
  private volatile Scheduler.Cancellable status = () -> {};
  private JsonRpcServer rpcServer;
  private MetricsServer metricsServer;

  /** A node on its own consensus thread and real sockets, with the default limits. */
  public ValidatorNode(ValidatorConfig cfg) {
    this(cfg, NodeLimits.DEFAULT);
  }

  /** A node on its own consensus thread and real sockets. */
  public ValidatorNode(ValidatorConfig cfg, NodeLimits limits) {
    this(
        cfg,
        limits,
        new ThreadScheduler(cfg.threadName()),
        true,
        P2pNetwork::new,
        CatchUpWait.millisFor(cfg));
  }

  /**
   * A node on a scheduler and network the caller provides (and closes): tests run nodes in virtual
   * time over an in-memory network. Its RPC never waits to catch up (virtual time cannot pass while
   * the thread that drives it waits): a node behind answers "node is syncing" at once.
   */
  ValidatorNode(ValidatorConfig cfg, Scheduler scheduler, PeerNetwork.Factory network) {
    this(cfg, NodeLimits.DEFAULT, scheduler, false, network, 0);
  }

  private ValidatorNode(
      ValidatorConfig cfg,
      NodeLimits nodeLimits,
      Scheduler scheduler,
      boolean ownsScheduler,
      PeerNetwork.Factory network,
      long catchUpWaitMillis) {
    int index = cfg.index();
    this.validator = index >= 0;
    this.name = validator ? "validator " + index : "full node";
    this.p2pHost = cfg.p2pHost();
    this.ownedScheduler = ownsScheduler && scheduler instanceof AutoCloseable c ? c : () -> {};
    this.thread = new GatedScheduler(scheduler, name);
    List<NodeId> nodeIds = new ArrayList<>();
    Map<NodeId, Integer> indexOf = new HashMap<>();
    List<Validator> validators = new ArrayList<>();
    for (Bytes k : cfg.validators()) {
      NodeId id = new NodeId(k);
      indexOf.put(id, nodeIds.size());
      nodeIds.add(id);
      validators.add(new Validator(k, 1));
    }
    ValidatorSet validatorSet = new ValidatorSet(ValidatorConfig.CONSENSUS_EPOCH, validators);
    EngineConfig engineConfig =
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
    this.store =
        cfg.dataDir() == null
            ? new RocksDbBlockStore(new InMemoryKeyValueStore())
            : RocksDbBlockStore.open(cfg.dataDir());
    ConsensusStore consensus;
    try {
      store.initialize(cfg.genesis());
      consensus = new ConsensusStore(store, limits);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    this.evidence = consensus.evidence();
    this.mempool =
        new Mempool(nodeLimits.mempool(), HeadAccounts.at(store), head().gasLimit(), thread.time());
    mempool.setMinFeePerGas(MempoolFloor.minFeePerGas(head()));
    this.rpc = new JsonRpcProcessor(1000);
    this.hub = new SubscriptionHub(rpc.json());
    this.metrics = new RuntimeMetrics(thread.time());
    this.importer = new BlockImporter(store, consensus, cfg.chainId(), this::stored, name);
    PayloadPacer pacer =
        new PayloadPacer(
            thread,
            new PayloadBuilder(
                mempool,
                consensus.pendingBlocks(),
                cfg.feeRecipient(),
                engineConfig.maxPayloadBytes()),
            this::head,
            cfg.blockIntervalMillis());
    mempool.onTransactionsAdded(pacer::workArrived);
    BlockHeader genesisHeader = store.blockByNumber(0).orElseThrow().header();
    P2pConfig pc =
        nodeLimits
            .p2p()
            .apply(P2pConfig.defaults(cfg.chainId(), genesisHeader.hash()))
            .withHost(cfg.p2pHost())
            .withPort(cfg.p2pPort())
            .withReservedPeers(indexOf.keySet());
    this.p2p = network.open(pc, cfg.nodeKey(), inbound);

    TransactionRelay relay =
        new TransactionRelay(
            p2p, thread, pc.limits().maxTransactionsPerMessage(), pc.limits().maxFrameBytes() / 2);
    Supplier<Engine> engines =
        () ->
            new Engine(
                engineConfig,
                validatorSet,
                index,
                Ed25519Scheme.INSTANCE.signer(cfg.nodeKey().secretKey()),
                Ed25519Scheme.INSTANCE,
                consensus.safety(),
                consensus,
                consensus.pendingBlocks());
    this.driver =
        new ConsensusDriver(
            new ConsensusDriver.Parts(
                engines,
                thread,
                p2p,
                nodeIds,
                pacer,
                importer,
                metrics,
                evidence,
                this::fatal,
                name));
    CommitVerifier verifier =
        new CommitVerifier(engineConfig, validatorSet, Ed25519Scheme.INSTANCE);
    BlockSyncer syncer = new BlockSyncer(new PeerHeights(indexOf.keySet()), validator);
    this.sync =
        new SyncRunner(
            syncer,
            new SyncRunner.Parts(
                thread, p2p, consensus, verifier, importer, driver, metrics, this::fatal, name));
    inbound.to(
        new InboundMessages(
            new InboundMessages.Parts(
                p2p,
                indexOf,
                new ConsensusCodec(limits),
                validator ? driver : null,
                mempool,
                new TransactionValidator(Fork.LEVITY, cfg.chainId()),
                relay,
                sync,
                name)));

    this.catchUp = new CatchUpWait(sync::blocksBehind, thread.time(), catchUpWaitMillis);
    StoreChainView view =
        new StoreChainView(cfg.chainId(), store, mempool, this::peerCount, catchUp);
    new EthApi(view, EthApi.Config.DEFAULT, (tx, raw) -> relay.relay(Bytes.wrap(raw)))
        .register(rpc);
    new DebugApi(
            view,
            Fork.LEVITY,
            EthApi.Config.DEFAULT.callGasCap(),
            TraceLimits.DEFAULT,
            thread.time())
        .register(rpc);
    metrics.register(
        new RuntimeMetrics.Gauges(
            () -> head().number(),
            driver::round,
            mempool::size,
            this::peerCount,
            sync::syncing,
            p2p::counters,
            () -> evidence.size()));
  }

  /** This node's metrics (Prometheus text through {@link #serveMetrics}). */
  public NodeMetrics metrics() {
    return metrics.registry();
  }

  /** Serves the metrics at GET /metrics on 127.0.0.1 (0 picks a free port); returns the port. */
  public int serveMetrics(int port) throws InterruptedException {
    metricsServer = new MetricsServer(metrics.registry());
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
    status = sync.start();
    if (validator) thread.execute(driver::start);
    LOG.info("{} started at head {} (p2p {}:{})", name, head().number(), p2pHost, port);
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
    return serveRpc(httpPort, wsPort, RpcServerConfig.DEFAULT);
  }

  /** Like {@link #serveRpc(int, int)} with other limits (an Origin allow-list, say). */
  public int[] serveRpc(int httpPort, int wsPort, RpcServerConfig config)
      throws InterruptedException {
    rpcServer = new JsonRpcServer(rpc, hub, config);
    rpcServer.stats().registerWith(metrics.registry());
    return new int[] {rpcServer.startHttp(httpPort), rpcServer.startWebSocket(wsPort)};
  }

  /** The JSON-RPC methods this node serves, callable in-process. */
  public JsonRpcProcessor rpc() {
    return rpc;
  }

  /** The node's chain (read-only use: the consensus thread is its only writer). */
  public BlockStore store() {
    return store;
  }

  /** Transactions waiting for a block. */
  public Mempool mempool() {
    return mempool;
  }

  /** The latest stored block's header. */
  public BlockHeader head() {
    return store.head().orElseThrow();
  }

  /** Authenticated peers now connected. */
  public int peerCount() {
    return p2p.peers().size();
  }

  /** This node's p2p identity. */
  public NodeId nodeId() {
    return p2p.nodeId();
  }

  /** True while consensus is paused to fetch missing blocks (always false once caught up). */
  public boolean isSyncing() {
    return sync.syncing();
  }

  /** True once the node stopped for good after a failure ({@link #onFatal}). */
  public boolean isHalted() {
    return halted;
  }

  /**
   * The equivocations this node caught (two proposals or two votes of one validator for one round,
   * both signed), oldest first; kept on disk across restarts, up to {@link EvidenceStore}'s limits.
   */
  public List<Equivocation> equivocations() {
    return evidence.all();
  }

  /** After each stored block: the mempool re-checks against the new state; subscribers hear. */
  private void stored(Block b) {
    mempool.onNewState(importer.headAccounts(), b.header().gasLimit());
    mempool.setMinFeePerGas(MempoolFloor.minFeePerGas(b.header()));
    catchUp.headMoved();
    hub.publishBlock(
        () -> EthJson.head(b),
        () -> store.logs(b.hash()).stream().<JsonNode>map(EthJson::log).toList());
  }

  /** Stops consensus and sync for good (consensus thread), then tells the fatal handler. */
  private void fatal(Throwable t) {
    if (halted) return;
    halted = true;
    LOG.error("{}: halting: cannot go on safely: {}", name, t.toString(), t);
    thread.shut();
    driver.halt();
    try {
      fatalHandler.accept(t);
    } catch (RuntimeException e) {
      LOG.error("{}: fatal handler failed", name, e);
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.shut();
    status.cancel();
    try {
      ownedScheduler.close();
    } catch (Exception e) {
      LOG.warn("{}: consensus thread did not stop cleanly", name, e);
    }
    if (rpcServer != null) rpcServer.close();
    hub.close();
    if (metricsServer != null) metricsServer.close();
    p2p.close();
    store.close();
  }
}
