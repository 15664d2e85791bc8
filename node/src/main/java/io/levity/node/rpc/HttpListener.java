package io.levity.node.rpc;

import io.levity.net.HeadDeadline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A listening socket for the node's small HTTP servers (JSON-RPC, metrics): each connection gets an
 * HTTP codec and a body aggregator bounded by {@code maxBodyBytes}, then the caller's handlers. A
 * {@link Guard} caps open connections and fires reader-idle events the handlers act on.
 */
public final class HttpListener {
  private HttpListener() {}

  /**
   * Connection limits.
   *
   * @param maxConnections connections open at once; a new one past it is closed at once
   * @param readerIdleSeconds an {@code IdleStateEvent} fires when nothing was read this long (0:
   *     never)
   * @param headerTimeoutMillis a request head must be complete this long after its first byte
   *     ({@link HeadDeadline}; 0: no limit)
   * @param onRefused called for each connection refused over the cap
   */
  public record Guard(
      int maxConnections, int readerIdleSeconds, long headerTimeoutMillis, Runnable onRefused) {
    /** No cap, no idle events, no head deadline (the metrics endpoint). */
    public static final Guard NONE = new Guard(Integer.MAX_VALUE, 0, 0, () -> {});
  }

  /**
   * Binds {@code host:port} (0 picks a free port) with these connection limits ({@link Guard#NONE}:
   * none) and returns the listening channel.
   */
  public static Channel bind(
      EventLoopGroup boss,
      EventLoopGroup workers,
      String host,
      int port,
      int maxBodyBytes,
      Guard guard,
      Consumer<ChannelPipeline> handlers)
      throws InterruptedException {
    return new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .handler(new ConnectionCap(guard))
        .childHandler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel c) {
                if (guard.readerIdleSeconds() > 0)
                  c.pipeline().addLast(new IdleStateHandler(guard.readerIdleSeconds(), 0, 0));
                if (guard.headerTimeoutMillis() > 0) {
                  HeadDeadline deadline = new HeadDeadline(guard.headerTimeoutMillis());
                  c.pipeline().addLast(deadline.beforeCodec(), new HttpServerCodec());
                  c.pipeline().addLast(deadline.afterCodec());
                } else {
                  c.pipeline().addLast(new HttpServerCodec());
                }
                c.pipeline().addLast(new HttpObjectAggregator(maxBodyBytes));
                handlers.accept(c.pipeline());
              }
            })
        .bind(host, port)
        .sync()
        .channel();
  }

  /**
   * Counts connections where they are accepted (in order, on the listening channel's thread) and
   * closes each one past the cap before it is registered or read.
   */
  private static final class ConnectionCap extends ChannelInboundHandlerAdapter {
    private final Guard guard;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionCap(Guard guard) {
      this.guard = guard;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof Channel child) {
        if (open.incrementAndGet() > guard.maxConnections()) {
          open.decrementAndGet();
          guard.onRefused().run();
          child.unsafe().closeForcibly();
          return;
        }
        ChannelFuture unused = child.closeFuture().addListener(f -> open.decrementAndGet());
      }
      ctx.fireChannelRead(msg);
    }
  }

  /** The port a channel from {@link #bind} listens on. */
  public static int port(Channel listening) {
    return ((InetSocketAddress) listening.localAddress()).getPort();
  }
}
