package io.levity.node.p2p;

import io.levity.core.bytes.Bytes32;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Configuration of the p2p network.
 *
 * @param host address to listen on
 * @param port TCP port to listen on (0 for any free port)
 * @param protocolVersion p2p protocol version; peers must match exactly
 * @param chainId chain id; peers must match
 * @param genesisHash genesis block hash; peers must match
 * @param staticPeers peers to keep dialing, with reconnect and backoff
 * @param limits frame and message size limits
 * @param maxPeers most authenticated connections at once
 * @param handshakeTimeout time from TCP connect to a verified Auth
 * @param pingInterval a Ping is sent after this much write silence; a peer silent for 3x this is
 *     dropped
 * @param reconnectMin first reconnect delay; doubles per failed attempt
 * @param reconnectMax longest reconnect delay
 * @param banThreshold a peer whose score falls to {@code -banThreshold} is disconnected and banned
 * @param banDuration how long a ban lasts
 * @param scoreRecoveryPerMinute points a negative score regains per minute
 * @param seenCacheSize gossip message hashes remembered for deduplication
 * @param inboundQueueSize messages other than consensus messages waiting for the handler before new
 *     ones are dropped
 * @param admission reserved peers and connection caps
 * @param flow per-peer queue and write-buffer limits
 */
public record P2pConfig(
    String host,
    int port,
    int protocolVersion,
    long chainId,
    Bytes32 genesisHash,
    List<PeerAddress> staticPeers,
    MessageLimits limits,
    int maxPeers,
    Duration handshakeTimeout,
    Duration pingInterval,
    Duration reconnectMin,
    Duration reconnectMax,
    int banThreshold,
    Duration banDuration,
    int scoreRecoveryPerMinute,
    int seenCacheSize,
    int inboundQueueSize,
    AdmissionLimits admission,
    FlowLimits flow) {

  public static final int PROTOCOL_VERSION = 1;

  public P2pConfig {
    staticPeers = List.copyOf(staticPeers);
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(admission, "admission");
    Objects.requireNonNull(flow, "flow");
    if (inboundQueueSize < 1)
      throw new IllegalArgumentException("inboundQueueSize must be positive");
    if (maxPeers < 1) throw new IllegalArgumentException("maxPeers must be positive");
    if (reconnectMin.isNegative()
        || reconnectMin.isZero()
        || reconnectMax.compareTo(reconnectMin) < 0) {
      throw new IllegalArgumentException("need 0 < reconnectMin <= reconnectMax");
    }
  }

  /**
   * Listens on 127.0.0.1:30330; 50 peers; 10 s handshake; 15 s ping; reconnect 1 s..60 s; ban at
   * -100 for 1 h.
   */
  public static P2pConfig defaults(long chainId, Bytes32 genesisHash) {
    return new P2pConfig(
        "127.0.0.1",
        30330,
        PROTOCOL_VERSION,
        chainId,
        genesisHash,
        List.of(),
        MessageLimits.defaults(),
        50,
        Duration.ofSeconds(10),
        Duration.ofSeconds(15),
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        100,
        Duration.ofHours(1),
        10,
        100_000,
        10_000,
        AdmissionLimits.DEFAULT,
        FlowLimits.DEFAULT);
  }

  /** With the listen port changed. */
  public P2pConfig withPort(int p) {
    return with(d -> d.port = p);
  }

  /** With another listen address (an IP literal or host name; 0.0.0.0 for every interface). */
  public P2pConfig withHost(String h) {
    return with(d -> d.host = h);
  }

  /** With another limit on authenticated ordinary peers. */
  public P2pConfig withMaxPeers(int n) {
    return with(d -> d.maxPeers = n);
  }

  /** With other reserved peers and connection caps. */
  public P2pConfig withAdmission(AdmissionLimits a) {
    return with(d -> d.admission = a);
  }

  /** The same admission limits with these ids (the validators) always let in. */
  public P2pConfig withReservedPeers(Set<NodeId> ids) {
    return withAdmission(admission.withReservedPeers(ids));
  }

  /**
   * With other handler queue and write-buffer limits (the bound of the other-messages queue too).
   */
  public P2pConfig withFlow(int inboundQueue, FlowLimits f) {
    return with(
        d -> {
          d.inboundQueueSize = inboundQueue;
          d.flow = f;
        });
  }

  /** With the peers to keep dialed. */
  public P2pConfig withStaticPeers(List<PeerAddress> peers) {
    return with(d -> d.staticPeers = peers);
  }

  /** With other frame and message size limits. */
  public P2pConfig withLimits(MessageLimits l) {
    return with(d -> d.limits = l);
  }

  /** With other handshake, ping and reconnect timing. */
  public P2pConfig withTimeouts(
      Duration handshake, Duration ping, Duration minReconnect, Duration maxReconnect) {
    return with(
        d -> {
          d.handshakeTimeout = handshake;
          d.pingInterval = ping;
          d.reconnectMin = minReconnect;
          d.reconnectMax = maxReconnect;
        });
  }

  /** With another ban threshold and duration. */
  public P2pConfig withBan(int threshold, Duration duration) {
    return with(
        d -> {
          d.banThreshold = threshold;
          d.banDuration = duration;
        });
  }

  private P2pConfig with(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.build();
  }

  /** The fields of a configuration while some of them change (the withers). */
  private static final class Draft {
    private String host;
    private int port;
    private int protocolVersion;
    private long chainId;
    private Bytes32 genesisHash;
    private List<PeerAddress> staticPeers;
    private MessageLimits limits;
    private int maxPeers;
    private Duration handshakeTimeout;
    private Duration pingInterval;
    private Duration reconnectMin;
    private Duration reconnectMax;
    private int banThreshold;
    private Duration banDuration;
    private int scoreRecoveryPerMinute;
    private int seenCacheSize;
    private int inboundQueueSize;
    private AdmissionLimits admission;
    private FlowLimits flow;

    Draft(P2pConfig c) {
      host = c.host;
      port = c.port;
      protocolVersion = c.protocolVersion;
      chainId = c.chainId;
      genesisHash = c.genesisHash;
      staticPeers = c.staticPeers;
      limits = c.limits;
      maxPeers = c.maxPeers;
      handshakeTimeout = c.handshakeTimeout;
      pingInterval = c.pingInterval;
      reconnectMin = c.reconnectMin;
      reconnectMax = c.reconnectMax;
      banThreshold = c.banThreshold;
      banDuration = c.banDuration;
      scoreRecoveryPerMinute = c.scoreRecoveryPerMinute;
      seenCacheSize = c.seenCacheSize;
      inboundQueueSize = c.inboundQueueSize;
      admission = c.admission;
      flow = c.flow;
    }

    P2pConfig build() {
      return new P2pConfig(
          host,
          port,
          protocolVersion,
          chainId,
          genesisHash,
          staticPeers,
          limits,
          maxPeers,
          handshakeTimeout,
          pingInterval,
          reconnectMin,
          reconnectMax,
          banThreshold,
          banDuration,
          scoreRecoveryPerMinute,
          seenCacheSize,
          inboundQueueSize,
          admission,
          flow);
    }
  }
}
