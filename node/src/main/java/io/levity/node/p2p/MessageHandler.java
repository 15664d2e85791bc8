package io.levity.node.p2p;

/**
 * Receives what authenticated peers send. Calls come from two threads of the network: consensus
 * messages from one, everything else (and the peer events) from the other, each in the order the
 * frames arrived per peer. A slow handler delays later messages of its kind only; the queues are
 * bounded and drop (counting) on overflow, so hand heavy work to another executor.
 */
public interface MessageHandler {
  /** A message from an authenticated peer. Never a handshake message, Ping, Pong or Disconnect. */
  void onMessage(NodeId from, P2pMessage message);

  default void onPeerConnected(NodeId peer) {}

  default void onPeerDisconnected(NodeId peer) {}
}
