package io.levity.node.p2p;

/**
 * Receives what authenticated peers send. All calls come from one thread, the network's inbound
 * thread, in the order the frames arrived per peer; a slow handler delays later messages (the
 * inbound queue is bounded and drops on overflow), so hand heavy work to another executor.
 */
public interface MessageHandler {
  /** A message from an authenticated peer. Never a handshake message, Ping, Pong or Disconnect. */
  void onMessage(NodeId from, P2pMessage message);

  default void onPeerConnected(NodeId peer) {}

  default void onPeerDisconnected(NodeId peer) {}
}
