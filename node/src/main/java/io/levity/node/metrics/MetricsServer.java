package io.levity.node.metrics;

import io.levity.node.rpc.HttpListener;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Serves {@link NodeMetrics} at {@code GET /metrics} in the Prometheus text format, on a loopback
 * port by default.
 */
public final class MetricsServer implements AutoCloseable {
  private final NodeMetrics metrics;
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private Channel channel;

  /** A server for {@code metrics}; nothing listens before {@link #start}. */
  public MetricsServer(NodeMetrics metrics) {
    this.metrics = metrics;
  }

  /** Binds and returns the port (0 picks a free one). */
  public int start(String host, int port) throws InterruptedException {
    channel =
        HttpListener.bind(
            group, group, host, port, 8192, HttpListener.Guard.NONE, p -> p.addLast(new Handler()));
    return HttpListener.port(channel);
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      String path = req.uri();
      int query = path.indexOf('?');
      if (query >= 0) path = path.substring(0, query);
      boolean ok = req.method().equals(HttpMethod.GET) && path.equals("/metrics");
      byte[] body =
          (ok ? metrics.render() : "metrics are served at GET /metrics\n")
              .getBytes(StandardCharsets.UTF_8);
      DefaultFullHttpResponse resp =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              ok ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND,
              Unpooled.wrappedBuffer(body));
      resp.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
          .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      ChannelFuture unused = ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ChannelFuture unused = ctx.close();
    }
  }

  @Override
  public void close() {
    if (channel != null) channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
