package io.levity.node.p2p;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Keccak;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's p2p transport: listens for peers, keeps the configured static peers dialed,
 * authenticates every connection with node keys, and moves {@link P2pMessage}s. Connected peers are
 * tracked by node id, one connection each; validators and static peers never wait for a free slot
 * ({@link AdmissionLimits}). Inbound messages go to the {@link MessageHandler} on two threads:
 * consensus messages on one ({@link ConsensusQueue}), the rest on the other, each behind bounded
 * queues whose drops are counted. Misbehaving peers lose score and are banned (see {@link
 * PeerScores}). Gossip messages are deduplicated by hash, so a relay loop ends.
 */
public final class P2pNetwork implements PeerNetwork {
  private static final Logger LOG = LoggerFactory.getLogger(P2pNetwork.class);

  private final P2pConfig config;
  private final Ed25519.KeyPair key;
  private final NodeId self;
  private final MessageHandler handler;
  private final Random random;
  private final P2pCodec codec;
  private final PeerScores scores;
  private final SeenCache seen;
  private final Map<NodeId, PeerConnection> peers = new ConcurrentHashMap<>();
  private final List<StaticPeerDialer> dialers = new CopyOnWriteArrayList<>();
  private final MultiThreadIoEventLoopGroup group;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final InboundQueue inbound;
  private final ConsensusQueue consensusInbound;
  private final P2pChannels pipes;
  private final AtomicLong duplicateGossip = new AtomicLong();
  private final AtomicLong droppedOutbound = new AtomicLong();
  private volatile boolean closed;
  private Channel server;
  private volatile int port;

  /** A network with secure randomness and the system's monotonic clock. */
  public P2pNetwork(P2pConfig config, Ed25519.KeyPair key, MessageHandler handler) {
    this(config, key, handler, new SecureRandom(), System::nanoTime);
  }

  /**
   * @param random nonces and reconnect jitter; must be a {@link SecureRandom} outside tests
   * @param nanoClock monotonic time for bans and score recovery
   */
  public P2pNetwork(
      P2pConfig config,
      Ed25519.KeyPair key,
      MessageHandler handler,
      Random random,
      LongSupplier nanoClock) {
    this.config = config;
    this.key = key;
    this.self = NodeId.of(key);
    this.handler = handler;
    this.random = random;
    this.codec = new P2pCodec(config.limits());
    this.scores =
        new PeerScores(
            config.banThreshold(),
            config.banDuration(),
            config.scoreRecoveryPerMinute(),
            nanoClock);
    this.seen = new SeenCache(config.seenCacheSize());
    this.group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    this.inbound = new InboundQueue("p2p-inbound-" + self.shortHex(), config.inboundQueueSize());
    this.consensusInbound =
        new ConsensusQueue(
            "p2p-consensus-" + self.shortHex(),
            config.flow().consensusQueuePerPeer(),
            // a few of the largest consensus messages
            4L * config.limits().maxFrameBytes());
    this.pipes = new P2pChannels(this, group, channels);
  }

  /** Binds the listen port and starts dialing the static peers; returns the bound port. */
  @Override
  public synchronized int start() throws InterruptedException {
    if (server != null) throw new IllegalStateException("already started");
    server = pipes.listen();
    port = ((InetSocketAddress) server.localAddress()).getPort();
    LOG.info("p2p listening on {}:{} as node {}", config.host(), port, self.shortHex());
    config.staticPeers().forEach(this::addStaticPeer);
    return port;
  }

  /**
   * Adds a peer to keep dialed (with reconnect and backoff) from now on; the node must be started.
   */
  @Override
  public synchronized void addStaticPeer(PeerAddress address) {
    if (server == null || closed) throw new IllegalStateException("the network is not running");
    StaticPeerDialer d = new StaticPeerDialer(address, this, group.next());
    dialers.add(d);
    d.dialNow();
  }

  ChannelFuture dial(PeerAddress address, StaticPeerDialer dialer) {
    return pipes.dial(address, dialer);
  }

  /** The handshake of a new connection: our key, chain and listen port, a fresh nonce. */
  Handshake newHandshake() {
    return new Handshake(
        key, config.protocolVersion(), config.chainId(), config.genesisHash(), port, random);
  }

  @Override
  public NodeId nodeId() {
    return self;
  }

  P2pConfig config() {
    return config;
  }

  P2pCodec codec() {
    return codec;
  }

  /** Nonces and reconnect jitter. */
  Random random() {
    return random;
  }

  /** The bound listen port (after {@link #start}). */
  public int port() {
    return port;
  }

  /** Authenticated peers now connected. */
  @Override
  public Set<NodeId> peers() {
    return Set.copyOf(peers.keySet());
  }

  @Override
  public boolean isConnected(NodeId peer) {
    return peers.containsKey(peer);
  }

  /** Open TCP connections, including those still in the handshake. */
  public int openConnections() {
    return channels.size();
  }

  /** Messages other than consensus messages dropped because the handler's queue was full. */
  public long droppedInbound() {
    return inbound.dropped();
  }

  /** Consensus messages dropped because their peer's queue was full. */
  public long droppedConsensus() {
    return consensusInbound.dropped();
  }

  /** Messages not sent because the peer's connection was unwritable (it reads too slowly). */
  public long droppedOutbound() {
    return droppedOutbound.get();
  }

  @Override
  public TransportCounters counters() {
    return new TransportCounters(
        droppedInbound(), droppedConsensus(), droppedOutbound(), duplicateGossip());
  }

  void outboundDropped() {
    droppedOutbound.incrementAndGet();
  }

  /** Gossip messages received again and dropped by the seen-cache. */
  public long duplicateGossip() {
    return duplicateGossip.get();
  }

  /** Sends to one peer; false if it is not connected. */
  @Override
  public boolean send(NodeId peer, P2pMessage message) {
    requireApplication(message);
    PeerConnection c = peers.get(peer);
    return c != null && c.send(message);
  }

  /** Sends to every connected peer; returns how many. No deduplication (see {@link #gossip}). */
  @Override
  public int broadcast(P2pMessage message) {
    requireApplication(message);
    return sendToAll(codec.encode(message), null);
  }

  /**
   * Forwards a gossip message ({@code Transactions} or {@code ConsensusMessage}) to every peer but
   * the one it came from, at most once per message hash: call it for messages this node creates,
   * and for received ones after validating them. Returns false if this message was already
   * forwarded (or is still remembered as such).
   */
  @Override
  public boolean gossip(P2pMessage message) {
    if (!P2pMessage.isGossip(message)) {
      throw new IllegalArgumentException(
          message.getClass().getSimpleName() + " is not a gossip message");
    }
    byte[] frame = codec.encode(message);
    SeenCache.Claim claim = seen.claimForward(Bytes32.wrap32(Keccak.hash256(frame)));
    if (!claim.granted()) return false;
    sendToAll(frame, claim.source());
    return true;
  }

  private int sendToAll(byte[] frame, NodeId except) {
    int n = 0;
    for (Map.Entry<NodeId, PeerConnection> e : peers.entrySet()) {
      if (!e.getKey().equals(except) && e.getValue().sendFrame(frame)) n++;
    }
    return n;
  }

  private static void requireApplication(P2pMessage m) {
    if (m instanceof P2pMessage.HandshakeMessage || m instanceof P2pMessage.Disconnect) {
      throw new IllegalArgumentException(
          m.getClass().getSimpleName() + " is sent by the transport itself");
    }
  }

  /**
   * Reports a peer's bad data found by an upper layer (invalid transaction signature, bad vote):
   * lowers its score and, below the ban threshold, disconnects and bans it.
   */
  @Override
  public void penalize(NodeId peer, Misbehavior what) {
    if (scoreMisbehavior(peer, what)) {
      PeerConnection c = peers.get(peer);
      if (c != null)
        c.disconnect(DisconnectReason.BANNED, "score fell below the ban threshold after " + what);
    }
  }

  public boolean isBanned(NodeId peer) {
    return scores.isBanned(peer);
  }

  public long score(NodeId peer) {
    return scores.score(peer);
  }

  @Override
  public void disconnect(NodeId peer, DisconnectReason reason) {
    PeerConnection c = peers.get(peer);
    if (c != null) c.disconnect(reason, "requested locally");
  }

  boolean scoreMisbehavior(NodeId peer, Misbehavior what) {
    boolean banned = scores.penalize(peer, what);
    LOG.debug(
        "peer {} misbehaved: {} (score {}{})",
        peer.shortHex(),
        what,
        scores.score(peer),
        banned ? ", banned" : "");
    return banned;
  }

  /** Registers an authenticated connection; returns why it is refused, or null when accepted. */
  DisconnectReason admit(PeerConnection c, NodeId id) {
    if (closed) return DisconnectReason.SHUTDOWN;
    if (scores.isBanned(id)) return DisconnectReason.BANNED;
    PeerConnection evicted;
    synchronized (peers) {
      evicted = peers.get(id);
      if (evicted != null) {
        // Both ends apply the same rule, so they keep the same connection: the one the lower node
        // id dialed.
        NodeId lower = self.compareTo(id) < 0 ? self : id;
        NodeId initiator = c.outbound() ? self : id;
        if (evicted.outbound() == c.outbound() || !initiator.equals(lower)) {
          return DisconnectReason.DUPLICATE_CONNECTION;
        }
      } else if (!privileged(c, id) && ordinaryPeers() >= config.maxPeers()) {
        return DisconnectReason.TOO_MANY_PEERS;
      }
      peers.put(id, c);
    }
    if (evicted != null) {
      evicted.disconnect(
          DisconnectReason.DUPLICATE_CONNECTION, "replaced by the connection the lower id dialed");
    } else {
      LOG.info(
          "node {} connected to {} ({})",
          self.shortHex(),
          id.shortHex(),
          c.outbound() ? "outbound" : "inbound");
      enqueue(() -> handler.onPeerConnected(id));
    }
    return null;
  }

  /**
   * Reserved ids (validators) and connections this node dialed (static peers) need no free slot:
   * however many ids an attacker makes up, they cannot keep these out.
   */
  private boolean privileged(PeerConnection c, NodeId id) {
    return c.outbound() || config.admission().reservedPeers().contains(id);
  }

  /** Connected peers that took one of the {@code maxPeers} slots (caller holds the peers lock). */
  private int ordinaryPeers() {
    int n = 0;
    for (Map.Entry<NodeId, PeerConnection> e : peers.entrySet()) {
      if (!privileged(e.getValue(), e.getKey())) n++;
    }
    return n;
  }

  /**
   * A message from an authenticated peer; gossip duplicates are dropped here, on the I/O thread.
   * Consensus messages go to their own queue, ahead of everything else.
   */
  void received(PeerConnection c, P2pMessage message, byte[] frame) {
    NodeId from = c.peerId();
    if (P2pMessage.isGossip(message)
        && !seen.markReceived(Bytes32.wrap32(Keccak.hash256(frame)), from)) {
      duplicateGossip.incrementAndGet();
      return;
    }
    if (message instanceof P2pMessage.ConsensusMessage) {
      if (!consensusInbound.offer(from, frame.length, () -> handler.onMessage(from, message))) {
        LOG.debug("dropped a consensus message from {}: its queue is full", from.shortHex());
      }
      return;
    }
    enqueue(() -> handler.onMessage(from, message));
  }

  void connectionClosed(PeerConnection c, StaticPeerDialer dialer) {
    NodeId id = c.peerId();
    if (id != null && peers.remove(id, c)) {
      LOG.info("node {} lost peer {}", self.shortHex(), id.shortHex());
      enqueue(() -> handler.onPeerDisconnected(id));
      if (!closed) {
        for (StaticPeerDialer d : dialers) {
          if (d != dialer && id.equals(d.knownId())) d.peerGone();
        }
      }
    }
    if (dialer != null) dialer.closed();
  }

  private void enqueue(Runnable task) {
    inbound.enqueue(task);
  }

  /** Tells connected peers it is shutting down, closes every connection and stops the threads. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) return;
      closed = true;
      dialers.forEach(StaticPeerDialer::stop);
    }
    // The listening socket first and synchronously: a node restarted on the same port must find it
    // free.
    if (server != null) server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    peers.values().forEach(c -> c.disconnect(DisconnectReason.SHUTDOWN, "node stopping"));
    channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    inbound.close();
    consensusInbound.close();
    LOG.info("p2p node {} stopped", self.shortHex());
  }
}
