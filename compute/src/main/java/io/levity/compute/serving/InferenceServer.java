package io.levity.compute.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.net.HeadDeadline;
import io.levity.net.HttpGuards;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link HttpApi} (the provider's {@link InferenceApi}, or the user's proxy) over HTTP/1.1 on
 * Netty: bound to 127.0.0.1 unless told otherwise (port 0 picks a free port), bodies capped (413
 * from the aggregator), slow heads cut off by {@link HeadDeadline}, idle connections closed, at
 * most {@code maxConcurrent} requests served at once (503 beyond, answered on the event loop).
 * Requests run on a pool of their own, never on the event loop. Any origin may call it (CORS), as
 * the API needs no cookies: the signature is the credential. A reply that closes the connection
 * says {@code Connection: close}.
 */
public final class InferenceServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InferenceServer.class);
  private static final String EXPOSED =
      "X-Levity-Provider, X-Levity-Request-Hash, X-Levity-Response-Hash, X-Levity-Model-Root,"
          + " X-Levity-Input-Tokens, X-Levity-Output-Tokens, X-Levity-Fee, X-Levity-Nonce,"
          + " X-Levity-Receipt-Signature, X-Levity-Verifiable";

  /** Where and how it listens. */
  public record Config(
      String host, int port, int maxBodyBytes, int headTimeoutMillis, int idleSeconds) {
    public static Config loopback(int port) {
      return new Config("127.0.0.1", port, 1 << 20, 10_000, 120);
    }
  }

  private final HttpApi service;
  private final Config config;
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final ExecutorService workers;
  private Channel server;

  public InferenceServer(HttpApi service, Config config) {
    this.service = service;
    this.config = config;
    this.workers =
        Executors.newFixedThreadPool(
            service.maxConcurrent(), Thread.ofPlatform().name("inference-", 0).daemon().factory());
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
                    HttpGuards.install(
                            c.pipeline(),
                            config.headTimeoutMillis(),
                            config.idleSeconds(),
                            config.maxBodyBytes())
                        .addLast(new Handler());
                  }
                })
            .bind(config.host(), config.port())
            .sync()
            .channel();
    int port = port();
    LOG.info(
        "{} serving on http://{}:{}/v1", service.getClass().getSimpleName(), config.host(), port);
    return port;
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      Exchange x = new Exchange(ctx, HttpUtil.isKeepAlive(req));
      if (!req.decoderResult().isSuccess()) {
        x.keepAlive = false;
        x.reply(400, OpenAiJson.error(400, "bad HTTP"), Map.of());
        return;
      }
      if (req.method().equals(HttpMethod.OPTIONS)) {
        x.send(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT));
        return;
      }
      if (!service.tryEnter()) {
        x.reply(503, OpenAiJson.error(503, "busy: every slot is serving, retry later"), Map.of());
        return;
      }
      x.slot.set(true);
      String method = req.method().name();
      String path = req.uri().split("\\?", 2)[0];
      HttpHeaders headers = req.headers().copy();
      byte[] body = new byte[req.content().readableBytes()];
      req.content().readBytes(body);
      try {
        workers.execute(
            () -> {
              try {
                service.handle(method, path, headers::get, body, x);
              } catch (RuntimeException e) {
                LOG.warn("inference request {} failed", path, e);
                x.reply(500, OpenAiJson.error(500, String.valueOf(e)), Map.of());
              } finally {
                x.freeSlot();
              }
            });
      } catch (RuntimeException e) {
        x.freeSlot();
        throw e;
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ChannelFuture unused = ctx.close();
    }
  }

  /** One exchange on a connection: headers shared by every reply, keep-alive honoured. */
  private final class Exchange implements InferenceApi.Exchange {
    private final ChannelHandlerContext ctx;
    private boolean keepAlive;
    // Held while the request is served; given back before the last write, so that a client that
    // has its answer never finds the slot still taken.
    private final AtomicBoolean slot = new AtomicBoolean();

    Exchange(ChannelHandlerContext ctx, boolean keepAlive) {
      this.ctx = ctx;
      this.keepAlive = keepAlive;
    }

    void freeSlot() {
      if (slot.getAndSet(false)) service.exit();
    }

    @Override
    public void reply(int status, JsonNode body, Map<String, String> headers) {
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      DefaultFullHttpResponse res =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.valueOf(status),
              Unpooled.wrappedBuffer(bytes));
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      headers.forEach(res.headers()::set);
      send(res);
    }

    void send(DefaultFullHttpResponse res) {
      res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
      freeSlot();
      finish(ctx.writeAndFlush(common(res)));
    }

    @Override
    public void startStream(Map<String, String> headers) {
      HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      res.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
          .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
          .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      headers.forEach(res.headers()::set);
      ChannelFuture unused = ctx.writeAndFlush(common(res));
    }

    @Override
    public void event(String data) {
      byte[] b = ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
      ChannelFuture unused = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(b)));
    }

    @Override
    public void endStream() {
      freeSlot();
      finish(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
    }

    private HttpResponse common(HttpResponse res) {
      res.headers()
          .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
          .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS")
          .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "*")
          .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED)
          .set(
              HttpHeaderNames.CONNECTION,
              keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
      return res;
    }

    private void finish(ChannelFuture f) {
      if (!keepAlive) {
        ChannelFuture unused = f.addListener(ChannelFutureListener.CLOSE);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) server.close().syncUninterruptibly();
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownNow();
  }
}
