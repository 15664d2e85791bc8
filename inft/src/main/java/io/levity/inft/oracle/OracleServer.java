package io.levity.inft.oracle;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The oracle over HTTP/1.1 and JSON on Netty (API in docs/inft.md): bound to 127.0.0.1 unless told
 * otherwise, request bodies capped, slow heads cut off by {@link HeadDeadline}, idle connections
 * closed. Requests run on a small pool of their own (they wait on the chain and the storage
 * network), never on the event loop.
 */
public final class OracleServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OracleServer.class);

  /** Where and how it listens. */
  public record Config(
      String host,
      int port,
      int maxBodyBytes,
      int headTimeoutMillis,
      int idleSeconds,
      int threads) {
    public static Config loopback(int port) {
      return new Config("127.0.0.1", port, 1 << 20, 10_000, 120, 4);
    }
  }

  private final ReEncryptionOracle oracle;
  private final Config config;
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final ExecutorService workers;
  private Channel server;

  public OracleServer(ReEncryptionOracle oracle, Config config) {
    this.oracle = oracle;
    this.config = config;
    this.workers =
        Executors.newFixedThreadPool(
            config.threads(), Thread.ofPlatform().name("inft-oracle-", 0).daemon().factory());
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
                    // the shared guards close an idle connection: an IdleStateHandler alone only
                    // fires an event, which nothing here acted on
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
    LOG.info("iNFT oracle {} serving on {}:{}", oracle.info().oracle(), config.host(), port);
    return port;
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** The answer to one request: status and JSON body. */
  record Answer(HttpResponseStatus status, JsonNode body) {}

  /** Routes one request (the part tested without sockets). */
  Answer answer(HttpMethod method, String path, byte[] body) {
    try {
      if (path.equals("/v1/info")) {
        if (!method.equals(HttpMethod.GET)) return badMethod("GET");
        return ok(OracleJson.info(oracle.info()));
      }
      Function<OracleRequest, JsonNode> route =
          switch (path) {
            case "/v1/store" -> r -> OracleJson.stored(oracle.store(r));
            case "/v1/transfer" -> r -> OracleJson.transfer(oracle.transfer(r));
            case "/v1/open" -> r -> OracleJson.keys(oracle.open(r));
            case "/v1/use" -> r -> OracleJson.usage(oracle.use(r));
            case "/v1/execute" -> r -> OracleJson.execution(oracle.execute(r));
            default -> null;
          };
      if (route == null)
        return error(
            HttpResponseStatus.NOT_FOUND, OracleError.BAD_REQUEST, "no such endpoint " + path);
      if (!method.equals(HttpMethod.POST)) return badMethod("POST");
      OracleRequest r;
      try {
        r = OracleJson.request(OracleJson.JSON.readTree(body));
      } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
        return error(
            HttpResponseStatus.BAD_REQUEST,
            OracleError.BAD_REQUEST,
            "malformed request: " + e.getMessage().lines().findFirst().orElse(""));
      }
      return ok(route.apply(r));
    } catch (OracleException e) {
      return error(HttpResponseStatus.valueOf(e.error().httpStatus()), e.error(), e.getMessage());
    } catch (RuntimeException | java.io.IOException e) {
      LOG.warn("oracle request {} failed", path, e);
      return error(
          HttpResponseStatus.INTERNAL_SERVER_ERROR, OracleError.INTERNAL, String.valueOf(e));
    }
  }

  private static Answer ok(JsonNode body) {
    return new Answer(HttpResponseStatus.OK, body);
  }

  private static Answer badMethod(String allowed) {
    return error(HttpResponseStatus.METHOD_NOT_ALLOWED, OracleError.BAD_REQUEST, "use " + allowed);
  }

  private static Answer error(HttpResponseStatus status, OracleError error, String message) {
    return new Answer(status, OracleJson.error(error, message));
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      if (!req.decoderResult().isSuccess()) {
        send(
            ctx, error(HttpResponseStatus.BAD_REQUEST, OracleError.BAD_REQUEST, "bad HTTP"), false);
        return;
      }
      HttpMethod method = req.method();
      String path = req.uri().split("\\?", 2)[0];
      byte[] body = new byte[req.content().readableBytes()];
      req.content().readBytes(body);
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      workers.execute(() -> send(ctx, answer(method, path, body), keepAlive));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ChannelFuture unused = ctx.close();
    }
  }

  private static void send(ChannelHandlerContext ctx, Answer a, boolean keepAlive) {
    byte[] bytes = a.body().toString().getBytes(StandardCharsets.UTF_8);
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, a.status(), Unpooled.wrappedBuffer(bytes));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    HttpUtil.setKeepAlive(res, keepAlive);
    ChannelFuture f = ctx.writeAndFlush(res);
    if (!keepAlive) {
      ChannelFuture unused = f.addListener(ChannelFutureListener.CLOSE);
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
