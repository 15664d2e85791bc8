package io.levity.node.runtime;

import io.levity.core.crypto.Ed25519;
import io.levity.node.p2p.DisconnectReason;
import io.levity.node.p2p.MessageHandler;
import io.levity.node.p2p.Misbehavior;
import io.levity.node.p2p.NodeId;
import io.levity.node.p2p.P2pConfig;
import io.levity.node.p2p.P2pMessage;
import io.levity.node.p2p.PeerAddress;
import io.levity.node.p2p.PeerNetwork;
import io.levity.testing.ManualScheduler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An in-memory p2p network in virtual time for whole nodes: every message reaches its peer {@link
 * #LATENCY_MILLIS} later on the shared {@link ManualScheduler}. Static peers are linked as soon as
 * both ends are started (and again when a node comes back); a node can be cut off and reconnected.
 * Penalties are recorded and, as in {@link io.levity.node.p2p.P2pNetwork}, a peer that has cost a
 * node {@link #BAN_SCORE} points is cut off from it.
 */
final class SimNetwork {
  static final long LATENCY_MILLIS = 5;

  /** The penalty points after which a node drops a peer for good (the transport's default). */
  static final int BAN_SCORE = 100;

  /** A connection a node closed, and why. */
  record Disconnect(NodeId by, NodeId peer, DisconnectReason reason) {}

  /** A penalty a node gave a peer. */
  record Penalty(NodeId by, NodeId peer, Misbehavior why) {}

  private final ManualScheduler scheduler;
  private final Map<Integer, Peer> byPort = new HashMap<>();
  private final Set<NodeId> cutOff = new HashSet<>();
  private final Map<NodeId, Predicate<P2pMessage>> deaf = new HashMap<>();
  private final List<Penalty> penalties = new ArrayList<>();
  private final List<Disconnect> disconnects = new ArrayList<>();
  private final Map<List<NodeId>, Integer> scores = new HashMap<>();
  private int nextPort = 40_000;

  SimNetwork(ManualScheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** Opens nodes' transports on this network. */
  PeerNetwork.Factory factory() {
    return (P2pConfig config, Ed25519.KeyPair key, MessageHandler handler) ->
        new Peer(NodeId.of(key), config.port(), handler);
  }

  /** A bare peer whose behaviour the test scripts with {@code handler}. */
  Peer peer(NodeId id, MessageHandler handler) {
    return new Peer(id, 0, handler);
  }

  List<Penalty> penalties() {
    return List.copyOf(penalties);
  }

  List<Disconnect> disconnects() {
    return List.copyOf(disconnects);
  }

  /** Drops every link of the node and keeps it unreachable until {@link #reconnect}. */
  void cutOff(NodeId id) {
    cutOff.add(id);
    for (Peer p : List.copyOf(byPort.values())) {
      if (p.id.equals(id)) for (NodeId other : List.copyOf(p.links)) unlink(p, find(other));
    }
  }

  /**
   * From now on the node never receives the messages {@code drop} matches (its links stay up): for
   * example, deaf to consensus but still hearing peers announce their heads.
   */
  void deafen(NodeId id, Predicate<P2pMessage> drop) {
    deaf.put(id, drop);
  }

  void reconnect(NodeId id) {
    cutOff.remove(id);
    relinkAll();
  }

  private Peer find(NodeId id) {
    for (Peer p : byPort.values()) if (p.id.equals(id) && p.open) return p;
    return null;
  }

  private void relinkAll() {
    for (Peer a : List.copyOf(byPort.values())) {
      for (int port : a.statics) {
        Peer b = byPort.get(port);
        if (b != null) link(a, b);
      }
    }
  }

  private void link(Peer a, Peer b) {
    if (!a.open || !b.open || a == b || cutOff.contains(a.id) || cutOff.contains(b.id)) return;
    if (a.links.contains(b.id) || banned(a.id, b.id) || banned(b.id, a.id)) return;
    a.links.add(b.id);
    b.links.add(a.id);
    a.handler.onPeerConnected(b.id);
    b.handler.onPeerConnected(a.id);
  }

  private boolean banned(NodeId by, NodeId peer) {
    return scores.getOrDefault(List.of(by, peer), 0) >= BAN_SCORE;
  }

  private void unlink(Peer a, Peer b) {
    if (b == null) return;
    if (a.links.remove(b.id)) a.handler.onPeerDisconnected(b.id);
    if (b.links.remove(a.id)) b.handler.onPeerDisconnected(a.id);
  }

  /** One node's end of the network. */
  final class Peer implements PeerNetwork {
    private final NodeId id;
    private final MessageHandler handler;
    private final Set<NodeId> links = new LinkedHashSet<>();
    private final Set<Integer> statics = new LinkedHashSet<>();
    private final Set<P2pMessage> gossiped = new HashSet<>();
    private int port;
    private boolean open;

    Peer(NodeId id, int port, MessageHandler handler) {
      this.id = id;
      this.port = port;
      this.handler = handler;
    }

    @Override
    public int start() {
      if (port == 0) port = nextPort++;
      open = true;
      byPort.put(port, this);
      relinkAll();
      return port;
    }

    /** The address other nodes dial this one at (after {@link #start}). */
    PeerAddress address() {
      return new PeerAddress("127.0.0.1", port);
    }

    @Override
    public void addStaticPeer(PeerAddress address) {
      statics.add(address.port());
      relinkAll();
    }

    @Override
    public NodeId nodeId() {
      return id;
    }

    @Override
    public Set<NodeId> peers() {
      return Set.copyOf(links);
    }

    @Override
    public boolean isConnected(NodeId peer) {
      return links.contains(peer);
    }

    @Override
    public boolean send(NodeId peer, P2pMessage message) {
      if (!links.contains(peer)) return false;
      Peer to = find(peer);
      scheduler.schedule(
          LATENCY_MILLIS,
          () -> {
            if (to.open
                && to.links.contains(id)
                && !deaf.getOrDefault(to.id, m -> false).test(message))
              to.handler.onMessage(id, message);
          });
      return true;
    }

    @Override
    public int broadcast(P2pMessage message) {
      int n = 0;
      for (NodeId p : List.copyOf(links)) if (send(p, message)) n++;
      return n;
    }

    @Override
    public boolean gossip(P2pMessage message) {
      if (!gossiped.add(message)) return false;
      broadcast(message);
      return true;
    }

    @Override
    public void penalize(NodeId peer, Misbehavior what) {
      penalties.add(new Penalty(id, peer, what));
      scores.merge(List.of(id, peer), what.penalty(), Integer::sum);
      if (banned(id, peer)) unlink(this, find(peer));
    }

    @Override
    public void disconnect(NodeId peer, DisconnectReason reason) {
      if (!links.contains(peer)) return;
      disconnects.add(new Disconnect(id, peer, reason));
      unlink(this, find(peer));
    }

    @Override
    public void close() {
      for (NodeId other : List.copyOf(links)) unlink(this, find(other));
      open = false;
      byPort.remove(port, this);
    }
  }
}
