package io.levity.node.runtime;

import io.levity.node.p2p.MessageHandler;
import io.levity.node.p2p.NodeId;
import io.levity.node.p2p.P2pMessage;

/**
 * The p2p handler a node opens its network with, forwarding to {@link InboundMessages}, which can
 * only be built after the network (it sends through it). Set once, before the network starts.
 */
final class Handoff implements MessageHandler {
  private volatile InboundMessages target;

  void to(InboundMessages inbound) {
    this.target = inbound;
  }

  @Override
  public void onMessage(NodeId from, P2pMessage message) {
    target.onMessage(from, message);
  }

  @Override
  public void onPeerDisconnected(NodeId peer) {
    target.onPeerDisconnected(peer);
  }
}
