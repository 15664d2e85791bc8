package io.levity.net;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The guards an HTTP/1.1 server puts before its handler, in order: an idle timeout that closes the
 * connection (an {@link IdleStateHandler} alone only fires an event), the {@link HeadDeadline}
 * around the codec, and a body cap (the aggregator answers 413 past it). The handler added after
 * them receives whole requests.
 */
public final class HttpGuards {
  private HttpGuards() {}

  /** Adds the guards and the codec to {@code p}. */
  public static ChannelPipeline install(
      ChannelPipeline p, long headTimeoutMillis, int idleSeconds, int maxBodyBytes) {
    HeadDeadline deadline = new HeadDeadline(headTimeoutMillis);
    return p.addLast(new IdleStateHandler(0, 0, idleSeconds, TimeUnit.SECONDS))
        .addLast(
            new ChannelDuplexHandler() {
              @Override
              public void userEventTriggered(ChannelHandlerContext ctx, Object evt)
                  throws Exception {
                if (evt instanceof IdleStateEvent) {
                  ChannelFuture unused = ctx.close();
                } else super.userEventTriggered(ctx, evt);
              }
            })
        .addLast(deadline.beforeCodec())
        .addLast(new HttpServerCodec())
        .addLast(deadline.afterCodec())
        .addLast(new HttpObjectAggregator(maxBodyBytes));
  }
}
