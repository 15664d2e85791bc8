package io.levity.node.p2p;

import io.levity.core.crypto.Ed25519;
import java.util.Set;

/**
 * What the node runtime uses of its p2p transport ({@link P2pNetwork} in production), so that the
 * runtime can also run over an in-memory network in tests.
 */
public interface PeerNetwork extends AutoCloseable {
  /** Starts listening and dialing; returns the bound listen port. */
  int start() throws InterruptedException;

  /** Keeps a peer dialed (reconnecting when the connection drops); the network must be started. */
  void addStaticPeer(PeerAddress address);

  /** This node's authenticated identity. */
  NodeId nodeId();

  /** Authenticated peers now connected. */
  Set<NodeId> peers();

  /** Whether an authenticated connection to {@code peer} is open. */
  boolean isConnected(NodeId peer);

  /** Sends to one peer; false if it is not connected. */
  boolean send(NodeId peer, P2pMessage message);

  /** Sends to every connected peer; returns how many. */
  int broadcast(P2pMessage message);

  /**
   * Forwards a gossip message to every peer but the one it came from, at most once per message;
   * false if it was forwarded already.
   */
  boolean gossip(P2pMessage message);

  /** Reports a peer's bad data: lowers its score, and bans it below the threshold. */
  void penalize(NodeId peer, Misbehavior what);

  /** Closes the connection to a peer, telling it why; nothing if it is not connected. */
  void disconnect(NodeId peer, DisconnectReason reason);

  /** What the transport dropped so far (for metrics). */
  default TransportCounters counters() {
    return TransportCounters.NONE;
  }

  /** Stops the transport; never throws. */
  @Override
  void close();

  /** Opens a transport for a node; {@code P2pNetwork::new} in production. */
  @FunctionalInterface
  interface Factory {
    PeerNetwork open(P2pConfig config, Ed25519.KeyPair key, MessageHandler handler);
  }
}
