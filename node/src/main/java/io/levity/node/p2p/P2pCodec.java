package io.levity.node.p2p;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpException;
import io.levity.core.rlp.RlpReader;
import io.levity.node.p2p.P2pMessage.Auth;
import io.levity.node.p2p.P2pMessage.Blocks;
import io.levity.node.p2p.P2pMessage.ConsensusMessage;
import io.levity.node.p2p.P2pMessage.Disconnect;
import io.levity.node.p2p.P2pMessage.GetBlocks;
import io.levity.node.p2p.P2pMessage.Hello;
import io.levity.node.p2p.P2pMessage.Ping;
import io.levity.node.p2p.P2pMessage.Pong;
import io.levity.node.p2p.P2pMessage.Status;
import io.levity.node.p2p.P2pMessage.Transactions;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a {@link P2pMessage} as a frame payload (one type byte, then an RLP list) and decodes it
 * strictly: unknown types, non-canonical RLP, trailing bytes and anything over its type's limit are
 * rejected. The 4-byte length prefix is added and checked by the transport, not here.
 */
public final class P2pCodec {
  public static final byte HELLO = 0x01;
  public static final byte AUTH = 0x02;
  public static final byte DISCONNECT = 0x03;
  public static final byte PING = 0x04;
  public static final byte PONG = 0x05;
  public static final byte STATUS = 0x10;
  public static final byte TRANSACTIONS = 0x11;
  public static final byte CONSENSUS = 0x12;
  public static final byte GET_BLOCKS = 0x13;
  public static final byte BLOCKS = 0x14;

  /**
   * Cap on the whole frame payload of Hello, Auth, Disconnect, Ping, Pong, Status and GetBlocks.
   */
  public static final int CONTROL_MAX_BYTES = 1024;

  private final MessageLimits limits;

  public P2pCodec(MessageLimits limits) {
    this.limits = limits;
  }

  public MessageLimits limits() {
    return limits;
  }

  /** The frame payload; fails if the message is over the limits a peer would apply to it. */
  public byte[] encode(P2pMessage message) {
    checkOutbound(message);
    byte[] body = body(message);
    byte[] out = new byte[body.length + 1];
    out[0] = type(message);
    System.arraycopy(body, 0, out, 1, body.length);
    int cap = isControl(out[0]) ? CONTROL_MAX_BYTES : limits.maxFrameBytes();
    if (out.length > cap) {
      throw new IllegalArgumentException(
          message.getClass().getSimpleName()
              + " of "
              + out.length
              + " bytes is over its limit of "
              + cap
              + " bytes");
    }
    return out;
  }

  public static byte type(P2pMessage message) {
    return switch (message) {
      case Hello h -> HELLO;
      case Auth a -> AUTH;
      case Disconnect d -> DISCONNECT;
      case Ping p -> PING;
      case Pong p -> PONG;
      case Status s -> STATUS;
      case Transactions t -> TRANSACTIONS;
      case ConsensusMessage c -> CONSENSUS;
      case GetBlocks g -> GET_BLOCKS;
      case Blocks b -> BLOCKS;
    };
  }

  private static boolean isControl(byte type) {
    return type != TRANSACTIONS && type != CONSENSUS && type != BLOCKS;
  }

  /** The RLP body, without the type byte. */
  static byte[] body(P2pMessage message) {
    return switch (message) {
      case Hello h -> helloBody(h);
      case Auth a -> new Rlp.Writer().bytes(a.signature()).toList();
      case Disconnect d -> new Rlp.Writer().number(d.reason().code()).toList();
      case Ping p -> new Rlp.Writer().number(p.nonce()).toList();
      case Pong p -> new Rlp.Writer().number(p.nonce()).toList();
      case Status s -> new Rlp.Writer().number(s.height()).bytes(s.headHash()).toList();
      case Transactions t -> list(t.transactions());
      case ConsensusMessage c -> new Rlp.Writer().bytes(c.payload()).toList();
      case GetBlocks g -> new Rlp.Writer().number(g.fromHeight()).number(g.max()).toList();
      case Blocks b -> list(b.blocks());
    };
  }

  static byte[] helloBody(Hello h) {
    return new Rlp.Writer()
        .number(h.protocolVersion())
        .number(h.chainId())
        .bytes(h.genesisHash())
        .bytes(h.nodeId().publicKey())
        .bytes(h.nonce())
        .number(h.listenPort())
        .toList();
  }

  private static byte[] list(List<Bytes> items) {
    Rlp.Writer w = new Rlp.Writer();
    for (Bytes b : items) w.bytes(b);
    return w.toList();
  }

  private void checkOutbound(P2pMessage message) {
    switch (message) {
      case Transactions t -> {
        checkCount(t.transactions().size(), limits.maxTransactionsPerMessage(), "transactions");
        for (Bytes tx : t.transactions())
          checkItem(tx.size(), limits.maxTransactionBytes(), "transaction");
      }
      case Blocks b -> {
        checkCount(b.blocks().size(), limits.maxBlocksPerMessage(), "blocks");
        for (Bytes blk : b.blocks()) checkItem(blk.size(), limits.maxBlockBytes(), "block");
      }
      case ConsensusMessage c ->
          checkItem(c.payload().size(), limits.maxConsensusBytes(), "consensus message");
      case GetBlocks g -> {
        if (g.fromHeight() < 0 || g.max() < 1 || g.max() > limits.maxBlocksPerMessage()) {
          throw new IllegalArgumentException(
              "GetBlocks needs fromHeight >= 0 and 1 <= max <= " + limits.maxBlocksPerMessage());
        }
      }
      case Status s -> {
        if (s.height() < 0) throw new IllegalArgumentException("negative height");
      }
      case Auth a -> {
        if (a.signature().size() != Ed25519.SIGNATURE_SIZE)
          throw new IllegalArgumentException("signature must be 64 bytes");
      }
      default -> {}
    }
  }

  private static void checkCount(int n, int max, String what) {
    if (n > max)
      throw new IllegalArgumentException(n + " " + what + " in one message, the limit is " + max);
  }

  private static void checkItem(int n, int max, String what) {
    if (n > max)
      throw new IllegalArgumentException(what + " of " + n + " bytes, the limit is " + max);
  }

  /** Decodes a frame payload. */
  public P2pMessage decode(byte[] frame) throws P2pDecodeException {
    if (frame.length == 0)
      throw new P2pDecodeException(Misbehavior.MALFORMED_MESSAGE, "empty frame");
    byte type = frame[0];
    boolean known =
        switch (type) {
          case HELLO,
              AUTH,
              DISCONNECT,
              PING,
              PONG,
              STATUS,
              TRANSACTIONS,
              CONSENSUS,
              GET_BLOCKS,
              BLOCKS ->
              true;
          default -> false;
        };
    if (!known) {
      throw new P2pDecodeException(
          Misbehavior.UNKNOWN_MESSAGE_TYPE,
          String.format("unknown message type 0x%02x", type & 0xff));
    }
    int cap = isControl(type) ? CONTROL_MAX_BYTES : limits.maxFrameBytes();
    if (frame.length > cap) {
      throw new P2pDecodeException(
          Misbehavior.OVERSIZED_MESSAGE,
          String.format(
              "message type 0x%02x of %d bytes is over its limit of %d bytes",
              type & 0xff, frame.length, cap));
    }
    RlpReader r = new RlpReader(frame, 1, frame.length);
    try {
      r.enterList();
      P2pMessage m =
          switch (type) {
            case HELLO ->
                new Hello(
                    intField(r, "protocol version", Integer.MAX_VALUE),
                    longField(r, "chain id"),
                    Bytes32.wrap32(r.readFixed(32, "genesis hash")),
                    new NodeId(Bytes.wrap(r.readFixed(32, "node key"))),
                    Bytes32.wrap32(r.readFixed(32, "nonce")),
                    intField(r, "listen port", 65535));
            case AUTH -> new Auth(Bytes.wrap(r.readFixed(Ed25519.SIGNATURE_SIZE, "signature")));
            case DISCONNECT -> {
              long code = r.readLong();
              DisconnectReason reason = DisconnectReason.fromCode(code);
              if (reason == null)
                throw new P2pDecodeException(
                    Misbehavior.MALFORMED_MESSAGE, "unknown disconnect reason " + code);
              yield new Disconnect(reason);
            }
            case PING -> new Ping(longField(r, "ping nonce"));
            case PONG -> new Pong(longField(r, "pong nonce"));
            case STATUS ->
                new Status(longField(r, "height"), Bytes32.wrap32(r.readFixed(32, "head hash")));
            case TRANSACTIONS ->
                new Transactions(
                    items(
                        r,
                        limits.maxTransactionsPerMessage(),
                        limits.maxTransactionBytes(),
                        "transaction"));
            case CONSENSUS -> {
              byte[] payload = r.readBytes();
              if (payload.length > limits.maxConsensusBytes()) {
                throw new P2pDecodeException(
                    Misbehavior.OVERSIZED_MESSAGE,
                    "consensus message of "
                        + payload.length
                        + " bytes, the limit is "
                        + limits.maxConsensusBytes());
              }
              yield new ConsensusMessage(Bytes.wrap(payload));
            }
            case GET_BLOCKS -> {
              long from = longField(r, "fromHeight");
              int max = intField(r, "max", limits.maxBlocksPerMessage());
              if (max < 1)
                throw new P2pDecodeException(
                    Misbehavior.MALFORMED_MESSAGE, "GetBlocks max must be at least 1");
              yield new GetBlocks(from, max);
            }
            case BLOCKS ->
                new Blocks(items(r, limits.maxBlocksPerMessage(), limits.maxBlockBytes(), "block"));
            default -> throw new IllegalStateException("unreachable");
          };
      r.exitList();
      r.requireEnd();
      return m;
    } catch (RlpException | IllegalArgumentException e) {
      throw new P2pDecodeException(
          Misbehavior.MALFORMED_MESSAGE,
          String.format("malformed message type 0x%02x: %s", type & 0xff, e.getMessage()),
          e);
    }
  }

  private static long longField(RlpReader r, String what) throws P2pDecodeException {
    long v = r.readLong();
    if (v < 0)
      throw new P2pDecodeException(Misbehavior.MALFORMED_MESSAGE, what + " is over 2^63-1");
    return v;
  }

  private static int intField(RlpReader r, String what, int max) throws P2pDecodeException {
    long v = r.readLong();
    if (v < 0 || v > max)
      throw new P2pDecodeException(
          Misbehavior.MALFORMED_MESSAGE, what + " " + v + " is over " + max);
    return (int) v;
  }

  private static List<Bytes> items(RlpReader r, int maxCount, int maxItem, String what)
      throws P2pDecodeException {
    List<Bytes> out = new ArrayList<>();
    while (r.hasNext()) {
      if (out.size() == maxCount) {
        throw new P2pDecodeException(
            Misbehavior.OVERSIZED_MESSAGE, "more than " + maxCount + " " + what + "s");
      }
      byte[] b = r.readBytes();
      if (b.length > maxItem) {
        throw new P2pDecodeException(
            Misbehavior.OVERSIZED_MESSAGE,
            what + " of " + b.length + " bytes, the limit is " + maxItem);
      }
      out.add(Bytes.wrap(b));
    }
    return out;
  }
}
