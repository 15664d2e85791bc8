package io.levity.node.runtime;

import io.levity.consensus.message.ConsensusCodec;
import io.levity.consensus.message.ConsensusMessage;
import io.levity.consensus.message.MalformedMessageException;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Keccak;
import io.levity.execution.tx.TransactionValidator;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.node.mempool.Mempool;
import io.levity.node.mempool.MempoolException;
import io.levity.node.p2p.MessageHandler;
import io.levity.node.p2p.Misbehavior;
import io.levity.node.p2p.NodeId;
import io.levity.node.p2p.P2pMessage;
import io.levity.node.p2p.PeerNetwork;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What peers send, taken in on the p2p inbound thread: consensus messages are decoded (bounded) and
 * handed to the {@link ConsensusDriver}; gossiped transactions are validated into the mempool and
 * passed on; head announcements and block requests and answers go to block sync.
 */
final class InboundMessages implements MessageHandler {
  private static final Logger LOG = LoggerFactory.getLogger(InboundMessages.class);

  /**
   * What the inbound side needs; {@code validatorIndex} maps the validators' node ids to their
   * index, and {@code driver} is null for a full node (which ignores consensus messages).
   */
  record Parts(
      PeerNetwork net,
      Map<NodeId, Integer> validatorIndex,
      ConsensusCodec codec,
      ConsensusDriver driver,
      Mempool mempool,
      TransactionValidator txValidator,
      SyncRunner sync,
      String name) {}

  private final Parts p;

  InboundMessages(Parts parts) {
    this.p = parts;
  }

  @Override
  public void onMessage(NodeId from, P2pMessage message) {
    switch (message) {
      case P2pMessage.ConsensusMessage m -> consensus(from, m);
      case P2pMessage.Transactions t -> transactions(t);
      case P2pMessage.Status s -> p.sync().announced(from, s.height());
      case P2pMessage.GetBlocks g -> p.sync().serve(from, g);
      case P2pMessage.Blocks b -> p.sync().received(from, b.blocks());
      default -> {}
    }
  }

  @Override
  public void onPeerDisconnected(NodeId peer) {
    p.sync().disconnected(peer);
  }

  private void consensus(NodeId from, P2pMessage.ConsensusMessage m) {
    Integer idx = p.validatorIndex().get(from);
    if (idx == null || p.driver() == null) return; // not from a validator, or we are not one
    ConsensusMessage decoded;
    try {
      decoded = p.codec().decode(m.payload().toArray());
    } catch (MalformedMessageException e) {
      LOG.debug("{}: malformed consensus message from {}: {}", p.name(), idx, e.getMessage());
      p.net().penalize(from, Misbehavior.INVALID_DATA);
      return;
    }
    p.driver().deliver(idx, decoded);
  }

  private void transactions(P2pMessage.Transactions t) {
    for (Bytes raw : t.transactions()) {
      try {
        // The hash of a transaction is that of its encoding: known ones skip decoding and
        // signature recovery.
        if (p.mempool().contains(Keccak.hash(raw.toArray()))) continue;
        ValidatedTransaction v = p.txValidator().decodeAndValidate(raw.toArray());
        p.mempool().add(v, raw.size());
        p.net().gossip(new P2pMessage.Transactions(List.of(raw)));
      } catch (MempoolException | RuntimeException e) {
        LOG.debug("{}: gossiped transaction refused: {}", p.name(), e.getMessage());
      }
    }
  }
}
