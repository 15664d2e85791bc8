package io.levity.net;

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
 * idle timeout from firing, so a few hundred such clients hold every connection a server allows). A
 * timer starts at the first byte of a request and the connection closes unless the HTTP codec has
 * decoded the head by then; between requests the idle timeout applies, and a body is left to the
 * size cap and the idle timeout. After a WebSocket handshake has replaced the HTTP codec the
 * connection carries frames, not heads, and the deadline no longer applies.
 *
 * <p>One instance per connection, two handlers: {@link #beforeCodec()} goes before the {@link
 * HttpServerCodec} and watches raw bytes, {@link #afterCodec()} right after it (before any
 * aggregator) and watches decoded heads. Both run on the connection's event loop, so the state
 * needs no lock.
 */
public final class HeadDeadline {
  private final long timeoutMillis;
  private ScheduledFuture<?> timer;
  private boolean inBody;

  /** A deadline of {@code timeoutMillis} (above zero) from a head's first byte to its end. */
  public HeadDeadline(long timeoutMillis) {
    if (timeoutMillis < 1) throw new IllegalArgumentException("the head timeout must be > 0");
    this.timeoutMillis = timeoutMillis;
  }

  /** The handler that goes before the HTTP codec: the first byte of a head starts the clock. */
  public ChannelInboundHandlerAdapter beforeCodec() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
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

  /** The handler that goes right after the HTTP codec: a decoded head stops the clock. */
  public ChannelInboundHandlerAdapter afterCodec() {
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
