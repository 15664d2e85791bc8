package io.levity.node.runtime;

import io.levity.consensus.message.ConsensusCodec;
import io.levity.consensus.message.ConsensusMessage;
import io.levity.consensus.message.MalformedMessageException;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Keccak;
import io.levity.execution.tx.TransactionValidator;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.execution.tx.ValidationCache;
import io.levity.node.mempool.Mempool;
import io.levity.node.mempool.MempoolError;
import io.levity.node.mempool.MempoolException;
import io.levity.node.p2p.MessageHandler;
import io.levity.node.p2p.Misbehavior;
import io.levity.node.p2p.NodeId;
import io.levity.node.p2p.P2pMessage;
import io.levity.node.p2p.PeerNetwork;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What peers send, taken in on the p2p inbound threads: consensus messages are decoded (bounded)
 * and handed to the {@link ConsensusDriver}, and those the engine rejects as their sender's fault
 * cost the peer; gossiped transactions are validated into the mempool and passed on, and invalid
 * ones cost the peer; head announcements and block requests and answers go to block sync.
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
      TransactionRelay relay,
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
      case P2pMessage.Transactions t -> transactions(from, t);
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
    // A message the engine finds invalid (bad signature or certificate, not its turn) was signed
    // or sent by that validator on purpose: it costs the peer as a malformed one does.
    p.driver().deliver(idx, decoded, () -> p.net().penalize(from, Misbehavior.INVALID_DATA));
  }

  /**
   * Validates gossiped transactions into the mempool and passes on those it takes. A transaction
   * that fails on its own bytes (encoding, signature, chain id) is one an honest node never relays:
   * it costs the peer {@code INVALID_DATA} and the rest of its batch is not looked at, so a peer
   * gets at most a few signature recoveries before it is banned. One that recovers to a sender with
   * nothing to pay (what a forged signature gives) costs {@code USELESS_DATA}.
   */
  private void transactions(NodeId from, P2pMessage.Transactions t) {
    for (Bytes raw : t.transactions()) {
      // The hash of a transaction is that of its encoding: known ones skip decoding and signature
      // recovery.
      if (p.mempool().contains(Keccak.hash(raw))) continue;
      ValidatedTransaction v;
      try {
        v = p.txValidator().decodeAndValidate(raw.toArray(), ValidationCache.shared());
      } catch (RuntimeException e) {
        LOG.debug("{}: invalid transaction from {}: {}", p.name(), from.shortHex(), e.getMessage());
        p.net().penalize(from, Misbehavior.INVALID_DATA);
        return;
      }
      try {
        p.mempool().add(v, raw.size());
        p.relay().relay(raw);
      } catch (MempoolException e) {
        LOG.debug("{}: gossiped transaction refused: {}", p.name(), e.getMessage());
        if (e.error() == MempoolError.INSUFFICIENT_FUNDS) {
          p.net().penalize(from, Misbehavior.USELESS_DATA);
        }
      }
    }
  }
}
