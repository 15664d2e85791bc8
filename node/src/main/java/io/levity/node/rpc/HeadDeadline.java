package io.levity.node.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cuts off a client that sends a request head slowly (slowloris: a byte every few seconds keeps the
 * idle timeout from firing, so a few hundred such clients hold every connection the server allows).
 * A timer starts at the first byte of a request and the connection closes unless the HTTP codec has
 * decoded the head by then; between requests the idle timeout applies. After a WebSocket handshake
 * the connection carries frames, not heads, and the deadline no longer applies.
 *
 * <p>{@link #beforeCodec()} watches raw bytes, {@link #afterCodec()} decoded heads; both run on the
 * connection's event loop, so the state needs no lock.
 */
final class HeadDeadline {
  private final long timeoutMillis;
  private ScheduledFuture<?> timer;
  private boolean inBody;

  HeadDeadline(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  ChannelInboundHandlerAdapter beforeCodec() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        // Once a WebSocket handshake has replaced the HTTP codec, bytes are frames, not heads.
        boolean http = ctx.pipeline().get(HttpServerCodec.class) != null;
        boolean headBytes = msg instanceof ByteBuf b && b.isReadable() && !inBody && http;
        if (headBytes && timer == null) {
          timer = ctx.executor().schedule(() -> close(ctx), timeoutMillis, TimeUnit.MILLISECONDS);
        }
        super.channelRead(ctx, msg);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
      }
    };
  }

  ChannelInboundHandlerAdapter afterCodec() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest) {
          stop();
          inBody = true;
        }
        if (msg instanceof LastHttpContent) inBody = false;
        super.channelRead(ctx, msg);
      }
    };
  }

  private static void close(ChannelHandlerContext ctx) {
    ChannelFuture unused = ctx.close();
  }

  private void stop() {
    if (timer != null) timer.cancel(false);
    timer = null;
  }
}
