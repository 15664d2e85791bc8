package io.levity.storage.node;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request head does not arrive in time (slowloris: a client sending a
 * header a byte at a time holds a connection, and with enough of them every connection of the
 * node). The clock starts at the first byte of a request and stops when the HTTP codec has decoded
 * its head; an idle keep-alive connection is left to the idle timeout. Two handlers share one
 * deadline: {@link #bytes()} goes before the codec, {@link #heads()} after it. Both run on the
 * connection's event loop, so the state needs no lock.
 */
final class HeaderDeadline {
  private final long timeoutMillis;
  private ScheduledFuture<?> pending;
  private boolean inRequest;

  HeaderDeadline(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  /** Sees raw bytes: the first byte of a request starts the clock. */
  ChannelInboundHandlerAdapter bytes() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf b && b.isReadable() && !inRequest && pending == null) {
          pending =
              ctx.executor()
                  .schedule(
                      () -> OpenConnections.close(ctx.channel()),
                      timeoutMillis,
                      TimeUnit.MILLISECONDS);
        }
        super.channelRead(ctx, msg);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
      }
    };
  }

  /** Sees decoded messages: a request head stops the clock, the end of its body re-arms it. */
  ChannelInboundHandlerAdapter heads() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest) {
          cancel();
          inRequest = true;
        }
        if (msg instanceof LastHttpContent) inRequest = false;
        super.channelRead(ctx, msg);
      }
    };
  }

  private void cancel() {
    if (pending != null) pending.cancel(false);
    pending = null;
  }
}
