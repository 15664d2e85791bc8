package io.levity.da.node;

import io.levity.net.HeadDeadline;
import io.levity.net.HttpGuards;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DaNodeService} over HTTP/1.1 on Netty ({@link DaNodeRoutes} says what each route does):
 * bound to 127.0.0.1 unless told otherwise (port 0 picks a free port), bodies capped at the largest
 * store request the node's blob limit allows plus {@link #BODY_OVERHEAD} (413 from the aggregator),
 * slow heads cut off by {@link HeadDeadline}, idle connections closed. Requests run on a pool of
 * their own, never on the event loop (proof checks and RocksDB writes take time); at most {@code
 * workers} at once, 503 beyond, and 503 once closing.
 */
public final class DaNodeServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DaNodeServer.class);

  /** Bytes a store body may carry past the largest share: slack for framing changes. */
  public static final int BODY_OVERHEAD = 64 * 1024;

  /** Where and how it listens. */
  public record Config(String host, int port, int headTimeoutMillis, int idleSeconds, int workers) {
    /** 127.0.0.1:{@code port}, 10 s to send a head, 120 s idle, 4 workers. */
    public static Config loopback(int port) {
      return new Config("127.0.0.1", port, 10_000, 120, 4);
    }

    /** This config with another head deadline. */
    public Config withHeadTimeoutMillis(int millis) {
      return new Config(host, port, millis, idleSeconds, workers);
    }
  }

  private final DaNodeRoutes routes;
  private final Config config;
  private final int maxBodyBytes;
  private final Semaphore slots;
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final ExecutorService workers;
  private boolean closed;
  private volatile boolean closing;
  private Channel server;

  /** Serves {@code service} as {@code config} says. */
  public DaNodeServer(DaNodeService service, Config config) {
    this.routes = new DaNodeRoutes(service);
    this.config = config;
    long max = DaWire.maxStoreBytes(service.limits().maxBlobBytes()) + BODY_OVERHEAD;
    if (max > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "a blob limit of " + service.limits().maxBlobBytes() + " bytes needs bodies over 2 GiB");
    }
    this.maxBodyBytes = (int) max;
    this.slots = new Semaphore(config.workers());
    this.workers =
        Executors.newFixedThreadPool(
            config.workers(), Thread.ofPlatform().name("da-node-", 0).daemon().factory());
  }

  /** The largest request body accepted. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Binds and serves; returns the port. */
  public synchronized int start() throws InterruptedException {
    server =
        new ServerBootstrap()
            .group(boss, io)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel c) {
                    ChannelPipeline p =
                        HttpGuards.install(
                            c.pipeline(),
                            config.headTimeoutMillis(),
                            config.idleSeconds(),
                            maxBodyBytes);
                    String aggregator = p.context(HttpObjectAggregator.class).name();
                    p.addBefore(aggregator, "da-too-large", new TooLargeAsJson());
                    p.addLast(new Handler());
                  }
                })
            .bind(config.host(), config.port())
            .sync()
            .channel();
    int port = port();
    LOG.info("DA node serving on http://{}:{}/da/v1", config.host(), port);
    return port;
  }

  /** The bound port. */
  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      if (!req.decoderResult().isSuccess()) {
        send(ctx, false, DaNodeRoutes.Reply.error(400, "bad HTTP request"));
        return;
      }
      if (closing) {
        send(ctx, false, DaNodeRoutes.Reply.error(503, "the DA node is shutting down"));
        return;
      }
      if (!slots.tryAcquire()) {
        send(ctx, keepAlive, DaNodeRoutes.Reply.error(503, "busy: every worker is serving"));
        return;
      }
      String method = req.method().name();
      String[] uri = req.uri().split("\\?", 2);
      String query = uri.length > 1 ? uri[1] : null;
      byte[] body = new byte[req.content().readableBytes()];
      req.content().readBytes(body);
      try {
        workers.execute(
            () -> {
              DaNodeRoutes.Reply reply;
              try {
                reply = routes.handle(method, uri[0], query, body);
              } finally {
                slots.release();
              }
              send(ctx, keepAlive, reply);
            });
      } catch (RejectedExecutionException e) {
        slots.release();
        send(ctx, false, DaNodeRoutes.Reply.error(503, "the DA node is shutting down"));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ChannelFuture unused = ctx.close();
    }
  }

  /** Gives the aggregator's bodiless 413 the {@code {"error": ...}} body every answer has. */
  private final class TooLargeAsJson extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof FullHttpResponse r
          && r.status().code() == 413
          && !r.content().isReadable()) {
        DaNodeRoutes.Reply reply =
            DaNodeRoutes.Reply.error(
                413, "the request body is over this node's limit of " + maxBodyBytes + " bytes");
        FullHttpResponse json =
            new DefaultFullHttpResponse(
                r.protocolVersion(), r.status(), Unpooled.wrappedBuffer(reply.body()));
        json.headers()
            .set(r.headers())
            .set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
            .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        r.release();
        ChannelFuture unused = ctx.write(json, promise);
      } else {
        ChannelFuture unused = ctx.write(msg, promise);
      }
    }
  }

  private static void send(ChannelHandlerContext ctx, boolean keepAlive, DaNodeRoutes.Reply r) {
    DefaultFullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(r.status()),
            Unpooled.wrappedBuffer(r.body()));
    res.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, r.contentType())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length)
        .set(
            HttpHeaderNames.CONNECTION,
            keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    ChannelFuture f = ctx.writeAndFlush(res);
    if (!keepAlive) {
      ChannelFuture unused = f.addListener(ChannelFutureListener.CLOSE);
    }
  }

  /**
   * Answers 503 to new requests, stops listening and waits briefly for requests in flight;
   * idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    closing = true;
    if (server != null) server.close().syncUninterruptibly();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) workers.shutdownNow();
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
