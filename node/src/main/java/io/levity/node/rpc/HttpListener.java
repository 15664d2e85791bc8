package io.levity.node.rpc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * A listening socket for the node's small HTTP servers (JSON-RPC, metrics): each connection gets an
 * HTTP codec and a body aggregator bounded by {@code maxBodyBytes}, then the caller's handlers.
 */
public final class HttpListener {
  private HttpListener() {}

  /** Binds {@code host:port} (0 picks a free port) and returns the listening channel. */
  public static Channel bind(
      EventLoopGroup boss,
      EventLoopGroup workers,
      String host,
      int port,
      int maxBodyBytes,
      Consumer<ChannelPipeline> handlers)
      throws InterruptedException {
    return new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .childHandler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel c) {
                c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(maxBodyBytes));
                handlers.accept(c.pipeline());
              }
            })
        .bind(host, port)
        .sync()
        .channel();
  }

  /** The port a channel from {@link #bind} listens on. */
  public static int port(Channel listening) {
    return ((InetSocketAddress) listening.localAddress()).getPort();
  }
}
