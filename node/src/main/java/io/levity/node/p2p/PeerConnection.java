package io.levity.node.p2p;

import io.levity.node.p2p.P2pMessage.Auth;
import io.levity.node.p2p.P2pMessage.Disconnect;
import io.levity.node.p2p.P2pMessage.HandshakeMessage;
import io.levity.node.p2p.P2pMessage.Hello;
import io.levity.node.p2p.P2pMessage.Ping;
import io.levity.node.p2p.P2pMessage.Pong;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to a peer, as the last handler of its Netty pipeline (after the length-prefix
 * framing). It runs the {@link Handshake}, then answers Pings and hands every other message to the
 * {@link P2pNetwork}. Every decode failure or protocol violation closes the connection; after the
 * handshake it also costs the peer score. All methods but {@link #send} and {@link #disconnect} run
 * on the channel's event loop.
 */
final class PeerConnection extends SimpleChannelInboundHandler<ByteBuf> {
  private static final Logger LOG = LoggerFactory.getLogger(PeerConnection.class);

  private final P2pNetwork network;
  private final P2pCodec codec;
  private final Handshake handshake;
  private final boolean outbound;
  private final StaticPeerDialer dialer;
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile Channel channel;
  private volatile NodeId peerId;
  private ScheduledFuture<?> timeout;
  private ScheduledFuture<?> stalled;
  private long pingCounter;

  /** The connection's handler; {@code dialer} is the static peer dialer that opened it, if any. */
  PeerConnection(
      P2pNetwork network, Handshake handshake, boolean outbound, StaticPeerDialer dialer) {
    this.network = network;
    this.codec = network.codec();
    this.handshake = handshake;
    this.outbound = outbound;
    this.dialer = dialer;
  }

  boolean outbound() {
    return outbound;
  }

  /** The authenticated peer, or null during the handshake. */
  NodeId peerId() {
    return peerId;
  }

  /** The listen port the peer announced. */
  int peerListenPort() {
    Hello h = handshake.remoteHello();
    return h == null ? 0 : h.listenPort();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    timeout =
        ctx.executor()
            .schedule(
                () -> {
                  if (peerId == null)
                    disconnect(
                        DisconnectReason.TIMEOUT,
                        "handshake not done within " + network.config().handshakeTimeout());
                },
                network.config().handshakeTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    send(handshake.localHello());
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (timeout != null) timeout.cancel(false);
    if (stalled != null) stalled.cancel(false);
    network.connectionClosed(this, dialer);
    ctx.fireChannelInactive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf buf) {
    if (closing.get()) return;
    byte[] frame = ByteBufUtil.getBytes(buf);
    P2pMessage msg;
    try {
      msg = codec.decode(frame);
    } catch (P2pDecodeException e) {
      misbehaved(e.misbehavior(), e.getMessage());
      return;
    }
    if (peerId == null) {
      onHandshakeMessage(msg);
      return;
    }
    switch (msg) {
      case Ping p -> send(new Pong(p.nonce()));
      case Pong p -> {} // any frame proves liveness; the idle handler watches reads
      case Disconnect d -> {
        LOG.debug("peer {} disconnects: {}", peerId.shortHex(), d.reason());
        closing.set(true);
        ChannelFuture unused = ctx.close();
      }
      case HandshakeMessage h ->
          misbehaved(
              Misbehavior.UNEXPECTED_MESSAGE,
              h.getClass().getSimpleName() + " after the handshake");
      default -> network.received(this, msg, frame);
    }
  }

  private void onHandshakeMessage(P2pMessage msg) {
    try {
      switch (msg) {
        case Hello h -> {
          // the id is only claimed so far, but refusing a banned id costs an honest node nothing
          // and saves a signature; admit() checks again once the id is proven
          if (network.isBanned(h.nodeId())) {
            disconnect(DisconnectReason.BANNED, "banned peer " + h.nodeId().shortHex());
            return;
          }
          send(handshake.onHello(h));
        }
        case Auth a -> {
          NodeId id = handshake.onAuth(a);
          if (dialer != null) dialer.identified(id);
          DisconnectReason refused = network.admit(this, id);
          if (refused != null) {
            disconnect(refused, "refused peer " + id.shortHex());
            return;
          }
          peerId = id;
          timeout.cancel(false);
          if (dialer != null) dialer.admitted();
        }
        case Disconnect d -> {
          LOG.debug("{} refused the handshake: {}", channel.remoteAddress(), d.reason());
          if (dialer != null && d.reason() == DisconnectReason.SELF_CONNECTION) dialer.stop();
          closing.set(true);
          ChannelFuture unused = channel.close();
        }
        default ->
            disconnect(
                DisconnectReason.BAD_MESSAGE,
                msg.getClass().getSimpleName() + " before the handshake finished");
      }
    } catch (HandshakeException e) {
      if (dialer != null && e.reason() == DisconnectReason.SELF_CONNECTION) dialer.stop();
      disconnect(e.reason(), e.getMessage());
    }
  }

  private void misbehaved(Misbehavior what, String detail) {
    NodeId id = peerId;
    boolean banned = id != null && network.scoreMisbehavior(id, what);
    disconnect(banned ? DisconnectReason.BANNED : DisconnectReason.BAD_MESSAGE, detail);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent e) {
      if (e.state() == IdleState.READER_IDLE) {
        disconnect(DisconnectReason.TIMEOUT, "peer silent for too long");
      } else if (e.state() == IdleState.WRITER_IDLE && peerId != null) {
        send(new Ping(++pingCounter));
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  /**
   * Above the high watermark the connection is unwritable: sends to it are dropped from then on (so
   * a peer that does not read costs at most the watermark plus one frame), and if it is still
   * unwritable after {@code writeStallTimeout} the connection is closed.
   */
  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (!ctx.channel().isWritable()) {
      if (stalled == null || stalled.isDone()) {
        Duration limit = network.config().flow().writeStallTimeout();
        stalled =
            ctx.executor()
                .schedule(
                    () -> {
                      if (!ctx.channel().isWritable())
                        closeNow("peer stopped reading for " + limit);
                    },
                    limit.toMillis(),
                    TimeUnit.MILLISECONDS);
      }
    } else if (stalled != null) {
      stalled.cancel(false);
    }
    ctx.fireChannelWritabilityChanged();
  }

  /** Closes without a Disconnect: the peer would not read it, and its write would never end. */
  private void closeNow(String detail) {
    closing.set(true);
    LOG.debug(
        "closing {}: {}", peerId == null ? channel.remoteAddress() : peerId.shortHex(), detail);
    ChannelFuture unused = channel.close();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      misbehaved(Misbehavior.OVERSIZED_MESSAGE, cause.getMessage());
    } else if (cause instanceof CorruptedFrameException) {
      misbehaved(Misbehavior.MALFORMED_MESSAGE, cause.getMessage());
    } else {
      LOG.debug("connection to {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
      closing.set(true);
      ChannelFuture unused = ctx.close();
    }
  }

  /** Sends one message; false if the connection is closing or unwritable. */
  boolean send(P2pMessage msg) {
    return sendFrame(codec.encode(msg));
  }

  boolean sendFrame(byte[] frame) {
    Channel ch = channel;
    if (ch == null || closing.get() || !ch.isActive()) return false;
    if (!ch.isWritable()) {
      network.outboundDropped();
      return false;
    }
    ChannelFuture unused = ch.writeAndFlush(Unpooled.wrappedBuffer(frame), ch.voidPromise());
    return true;
  }

  /** Tells the peer why, then closes. Safe from any thread; only the first call has an effect. */
  void disconnect(DisconnectReason reason, String detail) {
    if (!closing.compareAndSet(false, true)) return;
    Channel ch = channel;
    if (ch == null) return;
    NodeId id = peerId;
    LOG.debug(
        "disconnecting {} ({}): {}: {}",
        id == null ? ch.remoteAddress() : id.shortHex(),
        outbound ? "outbound" : "inbound",
        reason,
        detail);
    if (ch.isActive() && ch.isWritable()) {
      ch.writeAndFlush(Unpooled.wrappedBuffer(codec.encode(new Disconnect(reason))))
          .addListener(ChannelFutureListener.CLOSE);
      // a peer that does not read would hold the write, and so the connection, open forever
      ScheduledFuture<?> unused =
          ch.eventLoop()
              .schedule(
                  () -> forceClose(ch),
                  network.config().flow().writeStallTimeout().toMillis(),
                  TimeUnit.MILLISECONDS);
    } else {
      ChannelFuture unused = ch.close();
    }
  }

  private static void forceClose(Channel ch) {
    ChannelFuture unused = ch.close();
  }
}
