package io.levity.node.p2p;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.util.List;

/**
 * The messages nodes exchange. On the wire each is one frame: a type byte and an RLP list body (see
 * {@link P2pCodec} and docs/p2p.md). Opaque payloads (transactions, blocks, consensus messages) are
 * the upper layers' own encodings; the transport only bounds their size.
 */
public sealed interface P2pMessage {

  /**
   * The two messages of the authentication handshake; they are never delivered to a {@link
   * MessageHandler}.
   */
  sealed interface HandshakeMessage extends P2pMessage {}

  /** First frame on a connection, sent by both sides. */
  record Hello(
      int protocolVersion,
      long chainId,
      Bytes32 genesisHash,
      NodeId nodeId,
      Bytes32 nonce,
      int listenPort)
      implements HandshakeMessage {
    public Hello {
      if (protocolVersion < 0) throw new IllegalArgumentException("negative protocol version");
      if (chainId < 0) throw new IllegalArgumentException("negative chain id");
      if (listenPort < 0 || listenPort > 65535)
        throw new IllegalArgumentException("listen port out of range");
    }
  }

  /** Second frame: the sender's Ed25519 signature over the handshake transcript. */
  record Auth(Bytes signature) implements HandshakeMessage {}

  /** Sent before closing a connection, to say why. */
  record Disconnect(DisconnectReason reason) implements P2pMessage {}

  record Ping(long nonce) implements P2pMessage {}

  record Pong(long nonce) implements P2pMessage {}

  /** The sender's chain head. */
  record Status(long height, Bytes32 headHash) implements P2pMessage {}

  /** Raw signed transactions, each in the execution layer's envelope encoding. Gossiped. */
  record Transactions(List<Bytes> transactions) implements P2pMessage {
    public Transactions {
      transactions = List.copyOf(transactions);
    }
  }

  /** One consensus-engine message in the engine's own encoding. Gossiped. */
  record ConsensusMessage(Bytes payload) implements P2pMessage {}

  /** Asks for up to {@code max} blocks starting at {@code fromHeight}. */
  record GetBlocks(long fromHeight, int max) implements P2pMessage {}

  /** Blocks in the block store's encoding, in ascending height. */
  record Blocks(List<Bytes> blocks) implements P2pMessage {
    public Blocks {
      blocks = List.copyOf(blocks);
    }
  }

  /**
   * Whether a message is relayed peer to peer through {@link P2pNetwork#gossip} (and deduplicated
   * on receipt).
   */
  static boolean isGossip(P2pMessage m) {
    return m instanceof Transactions || m instanceof ConsensusMessage;
  }
}
