package io.levity.node.runtime;

import io.levity.consensus.crypto.Ed25519Scheme;
import io.levity.consensus.crypto.Signer;
import io.levity.consensus.engine.Action;
import io.levity.consensus.engine.Engine;
import io.levity.consensus.engine.InMemoryLedger;
import io.levity.consensus.engine.EngineConfig;
import io.levity.consensus.engine.Event;
import io.levity.consensus.engine.InMemoryBlockStore;
import io.levity.consensus.message.MalformedMessageException;
import io.levity.consensus.message.Message;
import io.levity.consensus.message.MessageCodec;
import io.levity.consensus.safety.InMemorySafetyStore;
import io.levity.consensus.types.DecodeLimits;
import io.levity.consensus.types.Validator;
import io.levity.consensus.types.ValidatorSet;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Ed25519;
import io.levity.core.num.UInt256;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockBuilder;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.block.FeeMarket;
import io.levity.execution.block.InvalidBlockException;
import io.levity.execution.fork.Fork;
import io.levity.execution.tx.TransactionValidator;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.node.api.EthApi;
import io.levity.node.api.EthJson;
import io.levity.node.api.StoreChainView;
import io.levity.node.mempool.AccountReader;
import io.levity.node.mempool.Mempool;
import io.levity.node.metrics.MetricsServer;
import io.levity.node.metrics.NodeMetrics;
import io.levity.node.mempool.MempoolConfig;
import io.levity.node.mempool.MempoolException;
import io.levity.node.p2p.MessageHandler;
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
import io.levity.node.store.RocksDbBlockStore;
import io.levity.trie.InMemoryKeyValueStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One validator, wired: RocksDB chain and state, mempool, p2p, JSON-RPC and the consensus engine driven in real time.
 * Everything the engine sees (p2p messages, timers, payloads, execution results) is serialised onto one thread, the
 * consensus thread; the engine's actions are carried out there too. Consensus orders {@link Payload}s; each commit
 * is executed by {@link ChainExecutor} and stored atomically before the engine hears the state root.
 */
public final class ValidatorNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ValidatorNode.class);
  private static final int MAX_TXS_PER_BLOCK = 5_000;

  private final ValidatorConfig cfg;
  private final RocksDbBlockStore store;
  private final ChainExecutor executor;
  private final Mempool mempool;
  private final TransactionValidator txValidator;
  private final JsonRpcProcessor rpc;
  private final SubscriptionHub hub;
  private final List<NodeId> nodeIds = new ArrayList<>();
  private final Map<NodeId, Integer> indexOf = new HashMap<>();
  private final ScheduledExecutorService thread;
  private final Map<Long, ScheduledFuture<?>> timers = new HashMap<>();
  private volatile MessageCodec codec;
  /**
   * The consensus blocks committed in the current epoch, in memory: execution blocks are what is persisted, and a
   * restarted node starts a new consensus epoch above its stored head (see docs/node.md).
   */
  private final InMemoryLedger ledger = new InMemoryLedger();
  private final InMemoryBlockStore pending = new InMemoryBlockStore();
  private final P2pNetwork p2p;
  private Engine engine;
  private JsonRpcServer rpcServer;
  private MetricsServer metricsServer;
  private volatile boolean closed;
  private volatile long round;
  private final NodeMetrics metrics = new NodeMetrics();
  private final NodeMetrics.Counter committedBlocks =
      metrics.counter("levity_committed_blocks_total", "Blocks committed by consensus and executed.");
  private final NodeMetrics.Counter committedTxs =
      metrics.counter("levity_committed_transactions_total", "Transactions in committed blocks (rate() gives tx/s).");
  private final NodeMetrics.Summary blockInterval =
      metrics.summary("levity_block_interval_seconds", "Wall time between consecutive commits on this node.");
  private final NodeMetrics.Summary commitLatency = metrics.summary("levity_commit_latency_seconds",
      "Wall time from this node's first sight of a proposal (or its own payload request) to its commit.");
  private final Map<Long, Long> firstSeenNanos = new HashMap<>();
  private long lastCommitNanos;

  public ValidatorNode(ValidatorConfig cfg) {
    this.cfg = cfg;
    this.store = cfg.dataDir() == null ? new RocksDbBlockStore(new InMemoryKeyValueStore())
        : RocksDbBlockStore.open(cfg.dataDir());
    store.initialize(cfg.genesis());
    this.executor = new ChainExecutor(store, cfg.chainId());
    this.mempool = new Mempool(MempoolConfig.DEFAULT, mempoolReader(), store.head().orElseThrow().gasLimit());
    this.txValidator = new TransactionValidator(Fork.CANCUN, cfg.chainId());
    this.rpc = new JsonRpcProcessor(1000);
    this.hub = new SubscriptionHub(rpc.json());
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "consensus-" + cfg.index());
      t.setDaemon(true);
      return t;
    });

    for (Ed25519.KeyPair k : cfg.validatorKeys()) {
      NodeId id = NodeId.of(k);
      indexOf.put(id, nodeIds.size());
      nodeIds.add(id);
    }
    BlockHeader genesisHeader = store.canonicalHash(0).flatMap(store::block).orElseThrow().header();
    P2pConfig pc = P2pConfig.defaults(cfg.chainId(), genesisHeader.hash()).withPort(cfg.p2pPort());
    this.p2p = new P2pNetwork(pc, cfg.validatorKeys().get(cfg.index()), new Inbound());

    StoreChainView view = new StoreChainView(cfg.chainId(), store, mempool, () -> p2p.peers().size());
    new EthApi(view, EthApi.Config.DEFAULT, (tx, raw) ->
        p2p.gossip(new P2pMessage.Transactions(List.of(Bytes.wrap(raw))))).register(rpc);

    metrics.gauge("levity_chain_height", "Number of the head block.", () -> head().number());
    metrics.gauge("levity_consensus_round", "Current consensus round.", () -> round);
    metrics.gauge("levity_mempool_transactions", "Transactions waiting in the mempool.", mempool::size);
    metrics.gauge("levity_p2p_peers", "Connected peers.", this::peerCount);
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
   * Binds the p2p port and starts consensus in the configured epoch, by default head + 1 (so every validator must
   * then start at the same head: see {@link #catchUpFrom}); returns the bound p2p port.
   */
  public synchronized int start() throws InterruptedException {
    if (engine != null) throw new IllegalStateException("already started");
    List<Validator> validators = new ArrayList<>();
    for (Ed25519.KeyPair k : cfg.validatorKeys()) validators.add(new Validator(Bytes.wrap(k.publicKey()), 1));
    Ed25519.KeyPair own = cfg.validatorKeys().get(cfg.index());
    // A new consensus epoch per start: see docs/node.md ("restarts").
    long epoch = cfg.epoch() != 0 ? cfg.epoch() : store.head().orElseThrow().number() + 1;
    ValidatorSet set = new ValidatorSet(epoch, validators);
    Signer signer = Ed25519Scheme.INSTANCE.signer(own.secretKey());
    EngineConfig ec = EngineConfig.defaults(cfg.chainId())
        .withTimeouts(cfg.baseTimeoutMillis(), 1.5, Math.max(30_000, 10 * cfg.baseTimeoutMillis()));
    codec = new MessageCodec(new DecodeLimits(16 << 20, ec.maxPayloadBytes(), ValidatorSet.MAX_VALIDATORS,
        Ed25519Scheme.INSTANCE.maxSignatureBytes(), ec.syncBatch()));
    engine = new Engine(ec, set, cfg.index(), signer, Ed25519Scheme.INSTANCE, new InMemorySafetyStore(), ledger,
        pending);

    int port = p2p.start();
    onThread(() -> apply(engine.handle(new Event.Start())));
    LOG.info("validator {} started at head {}, consensus epoch {} (p2p 127.0.0.1:{})", cfg.index(), head().number(),
        epoch, port);
    return port;
  }

  /**
   * Before {@link #start}: imports the blocks another validator's store has above this one's head (re-executed and
   * checked), so a devnet whose validators stopped at slightly different heights restarts level.
   */
  public int catchUpFrom(BlockStore other) throws InvalidBlockException {
    if (engine != null) throw new IllegalStateException("catch up before start");
    int n = executor.catchUpFrom(other);
    if (n > 0) mempool.onNewState(mempoolReader(), head().gasLimit());
    return n;
  }

  /** Dials other validators (static peers, redialled by the transport when a connection drops). */
  public void connect(List<PeerAddress> peers) {
    for (PeerAddress p : peers) p2p.addStaticPeer(p);
  }

  /** Serves this node's JSON-RPC over HTTP and WebSocket (0 picks a free port); returns {http, ws} ports. */
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

  // ---- the consensus thread ----

  private void onThread(Runnable r) {
    if (closed) return;
    try {
      thread.execute(() -> guarded(r));
    } catch (java.util.concurrent.RejectedExecutionException e) { // closed between the check and the call
      LOG.debug("validator {}: event dropped while closing", cfg.index());
    }
  }

  private void guarded(Runnable r) {
    if (closed) return;
    try {
      r.run();
    } catch (RuntimeException e) {
      if (closed && e instanceof java.util.concurrent.RejectedExecutionException) {
        LOG.debug("validator {}: step cut short by close: {}", cfg.index(), e.toString()); // a timer set while closing
      } else {
        LOG.error("validator {}: consensus step failed", cfg.index(), e);
      }
    }
  }

  private void apply(List<Action> actions) {
    if (engine != null) {
      round = engine.currentRound();
      firstSeenNanos.putIfAbsent(round, System.nanoTime());
    }
    for (Action a : actions) {
      switch (a) {
        case Action.Send x -> p2p.send(nodeIds.get(x.to()), wire(x.message()));
        case Action.Broadcast x -> p2p.broadcast(wire(x.message()));
        case Action.SetTimer x -> {
          ScheduledFuture<?> old = timers.put(x.timerId(), thread.schedule(() -> guarded(() ->
              apply(engine.handle(new Event.TimerFired(x.timerId(), x.round())))), x.delayMillis(), TimeUnit.MILLISECONDS));
          if (old != null) old.cancel(false);
        }
        case Action.RequestPayload x -> thread.schedule(() -> guarded(() ->
            apply(engine.handle(new Event.PayloadReady(x.round(), buildPayload().encode())))),
            cfg.blockIntervalMillis(), TimeUnit.MILLISECONDS);
        case Action.Commit x -> commit(x);
        case Action.Alarm x -> LOG.warn("validator {}: consensus alarm {}: {}", cfg.index(), x.kind(), x.detail());
      }
    }
  }

  private static P2pMessage wire(Message m) {
    return new P2pMessage.ConsensusMessage(Bytes.wrap(MessageCodec.encode(m)));
  }

  /** The leader's payload: the mempool's best transactions for the next block and the wall-clock second. */
  private Payload buildPayload() {
    BlockHeader h = head();
    List<Bytes> txs = new ArrayList<>();
    for (Mempool.Entry e : mempool.select(FeeMarket.nextBaseFee(h), h.gasLimit(), MAX_TXS_PER_BLOCK)) {
      txs.add(Bytes.wrap(e.transaction().encode()));
    }
    return new Payload(System.currentTimeMillis() / 1000, txs);
  }

  private void commit(Action.Commit c) {
    long now = System.nanoTime();
    Long seen = firstSeenNanos.get(c.block().round());
    if (seen != null) commitLatency.observe((now - seen) / 1e9);
    firstSeenNanos.keySet().removeIf(r -> r <= c.block().round());
    if (lastCommitNanos != 0) blockInterval.observe((now - lastCommitNanos) / 1e9);
    lastCommitNanos = now;
    ledger.append(c.block(), c.proof());
    pending.committed(c.block().id());
    Payload payload;
    try {
      payload = Payload.decode(c.block().payload());
    } catch (RuntimeException e) { // a certified but malformed payload: every node executes it as empty
      LOG.warn("validator {}: committed payload at height {} is malformed: {}", cfg.index(), c.block().height(),
          e.getMessage());
      payload = new Payload(0, List.of());
    }
    BlockBuilder.Built built = executor.executeAndStore(payload, c.block().id());
    Block b = built.block();
    mempool.onNewState(mempoolReader(), b.header().gasLimit());
    committedBlocks.add(1);
    committedTxs.add(b.transactions().size());
    hub.publishHead(EthJson.head(b));
    for (BlockStore.IndexedLog l : store.logs(b.hash())) hub.publishLog(EthJson.log(l));
    LOG.debug("validator {}: block {} {} txs={} root={}", cfg.index(), b.number(), b.hash(),
        b.transactions().size(), b.header().stateRoot());
    long height = c.block().height();
    onThread(() -> apply(engine.handle(new Event.BlockExecuted(c.block().id(), height, b.header().stateRoot()))));
  }

  private AccountReader mempoolReader() {
    return new AccountReader() {
      @Override
      public long nonce(Address address) {
        return store.headState().nonce(address);
      }

      @Override
      public UInt256 balance(Address address) {
        return store.headState().balance(address);
      }
    };
  }

  /** Runs on the p2p inbound thread: decode, then hand over to the consensus thread. */
  private final class Inbound implements MessageHandler {
    @Override
    public void onMessage(NodeId from, P2pMessage message) {
      switch (message) {
        case P2pMessage.ConsensusMessage m -> {
          Integer idx = indexOf.get(from);
          if (idx == null) return; // not a validator
          Message decoded;
          try {
            decoded = codec.decode(m.payload().toArray());
          } catch (MalformedMessageException e) {
            LOG.debug("validator {}: malformed consensus message from {}: {}", cfg.index(), idx, e.getMessage());
            return;
          }
          onThread(() -> apply(engine.handle(new Event.MessageReceived(idx, decoded))));
        }
        case P2pMessage.Transactions t -> {
          for (Bytes raw : t.transactions()) {
            try {
              ValidatedTransaction v = txValidator.decodeAndValidate(raw.toArray());
              if (mempool.contains(v.hash())) continue;
              mempool.add(v, raw.size());
              p2p.gossip(new P2pMessage.Transactions(List.of(raw)));
            } catch (MempoolException | RuntimeException e) {
              LOG.debug("validator {}: gossiped transaction refused: {}", cfg.index(), e.getMessage());
            }
          }
        }
        default -> {
        }
      }
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
