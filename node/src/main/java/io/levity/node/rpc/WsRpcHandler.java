package io.levity.node.rpc;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC over one WebSocket connection: requests go to the {@link RpcDispatcher} (at most {@link
 * #MAX_IN_FLIGHT} at once, then the connection is not read until some are answered), plus
 * eth_subscribe/eth_unsubscribe for this connection's own subscriptions. Everything written to the
 * client (answers and notifications) counts against a buffered-bytes limit: a client that does not
 * read past it is dropped as a slow consumer, instead of growing the node's memory.
 */
final class WsRpcHandler extends SimpleChannelInboundHandler<TextWebSocketFrame>
    implements SubscriptionHub.Sink {
  private static final Logger LOG = LoggerFactory.getLogger(WsRpcHandler.class);
  static final int MAX_IN_FLIGHT = 32;

  private final RpcDispatcher dispatcher;
  private final SubscriptionHub hub;
  private final RpcStats stats;
  private final long maxBufferedBytes;
  private final AtomicLong buffered = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean dropped = new AtomicBoolean();
  private volatile Channel channel;

  WsRpcHandler(RpcDispatcher dispatcher, SubscriptionHub hub, RpcStats stats, long maxBuffered) {
    this.dispatcher = dispatcher;
    this.hub = hub;
    this.stats = stats;
    this.maxBufferedBytes = maxBuffered;
  }

  /** Refuses the WebSocket handshake from a disallowed Origin (403), then steps aside. */
  static final class OriginCheck extends ChannelInboundHandlerAdapter {
    private final OriginPolicy origins;
    private final RpcStats stats;

    OriginCheck(OriginPolicy origins, RpcStats stats) {
      this.origins = origins;
      this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof FullHttpRequest req) {
        String refusal = origins.refusal(req.headers());
        if (refusal != null) {
          ReferenceCountUtil.release(msg);
          stats.originRefused.incrementAndGet();
          HttpRpcHandler.reply(
              ctx, false, HttpResponseStatus.FORBIDDEN, null, HttpRpcHandler.errorBody(refusal));
          return;
        }
        ctx.pipeline().remove(this);
      }
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
    byte[] body = ByteBufUtil.getBytes(frame.content());
    if (inFlight.incrementAndGet() >= MAX_IN_FLIGHT) channel.config().setAutoRead(false);
    dispatcher.dispatch(
        HttpRpcHandler.clientKey(ctx),
        body,
        name ->
            switch (name) {
              case "eth_subscribe" -> p -> TextNode.valueOf(hub.subscribe(p, this));
              case "eth_unsubscribe" ->
                  p -> BooleanNode.valueOf(hub.unsubscribe(p.string(0), this));
              default -> null;
            },
        r -> {
          if (r.body() != null) offer(r.body());
          // counted on the event loop, like the increment, so reading never stays paused
          channel
              .eventLoop()
              .execute(
                  () -> {
                    if (inFlight.decrementAndGet() < MAX_IN_FLIGHT)
                      channel.config().setAutoRead(true);
                  });
        });
  }

  @Override
  public boolean offer(byte[] message) {
    Channel ch = channel;
    if (ch == null || !ch.isActive() || dropped.get()) return false;
    long pending = buffered.addAndGet(message.length);
    if (pending > maxBufferedBytes) {
      if (dropped.compareAndSet(false, true)) {
        stats.slowConsumersDropped.incrementAndGet();
        LOG.warn(
            "dropping slow WebSocket consumer {}: {} bytes unsent (limit {})",
            ch.remoteAddress(),
            pending - message.length,
            maxBufferedBytes);
        ChannelFuture unused = ch.close();
      }
      return false;
    }
    ChannelFuture unused =
        ch.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(message)))
            .addListener(f -> buffered.addAndGet(-message.length));
    return true;
  }

  /** Pings a connection that sent nothing for half the idle time; closes it after the rest. */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent e) {
      if (e.isFirst()) {
        ChannelFuture unused = ctx.writeAndFlush(new PingWebSocketFrame());
      } else {
        ChannelFuture unused = ctx.close();
      }
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    hub.removeSink(this);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ChannelFuture unused = ctx.close();
  }
}
