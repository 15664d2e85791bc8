package io.levity.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link JsonRpcProcessor} over HTTP (POST, batches, CORS) and over WebSocket (the same
 * methods plus eth_subscribe/eth_unsubscribe). Bodies over the size limit get 413; clients over
 * their rate get 429.
 */
public final class JsonRpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcServer.class);

  private final JsonRpcProcessor processor;
  private final SubscriptionHub subscriptions;
  private final RpcServerConfig config;
  private final RateLimiter limiter;
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup workers =
      new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final List<Channel> channels = new ArrayList<>();

  public JsonRpcServer(
      JsonRpcProcessor processor, SubscriptionHub subscriptions, RpcServerConfig config) {
    this.processor = processor;
    this.subscriptions = subscriptions;
    this.config = config;
    this.limiter = new RateLimiter(config.requestsPerSecond(), config.burst(), System::nanoTime);
  }

  /** Starts the HTTP endpoint; returns the bound port (pass 0 for any free port). */
  public int startHttp(int port) throws InterruptedException {
    return bind(port, false);
  }

  /** Starts the WebSocket endpoint; returns the bound port. */
  public int startWebSocket(int port) throws InterruptedException {
    return bind(port, true);
  }

  private int bind(int port, boolean websocket) throws InterruptedException {
    Channel ch =
        HttpListener.bind(
            boss,
            workers,
            config.host(),
            port,
            config.maxBodyBytes(),
            pipeline -> {
              if (websocket) {
                pipeline.addLast(
                    new WebSocketServerProtocolHandler("/", null, true, config.maxBodyBytes()),
                    new WsHandler());
              } else {
                pipeline.addLast(new HttpHandler());
              }
            });
    synchronized (channels) {
      channels.add(ch);
    }
    int bound = HttpListener.port(ch);
    LOG.info(
        "JSON-RPC {} listening on {}:{}", websocket ? "WebSocket" : "HTTP", config.host(), bound);
    return bound;
  }

  private static String clientKey(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress a
        ? a.getAddress().getHostAddress()
        : "?";
  }

  private int cost(byte[] body) {
    // a batch costs one token per entry; a cheap scan is enough for the limiter
    int depth = 0, entries = 0;
    for (byte b : body) {
      if (b == '[' || b == '{') {
        if (depth == 1 && b == '{') entries++;
        depth++;
      } else if (b == ']' || b == '}') {
        depth--;
      }
    }
    return body.length > 0 && body[0] == '[' ? Math.max(1, entries) : 1;
  }

  private final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      if (!req.decoderResult().isSuccess()) {
        reply(
            ctx,
            req,
            HttpResponseStatus.BAD_REQUEST,
            "{\"error\":\"malformed HTTP request\"}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (req.method().equals(HttpMethod.OPTIONS)) {
        reply(ctx, req, HttpResponseStatus.NO_CONTENT, new byte[0]);
        return;
      }
      if (!req.method().equals(HttpMethod.POST)) {
        reply(
            ctx,
            req,
            HttpResponseStatus.METHOD_NOT_ALLOWED,
            "{\"error\":\"JSON-RPC requests are POSTed\"}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      byte[] body = ByteBufUtil.getBytes(req.content());
      if (!limiter.tryAcquire(clientKey(ctx), cost(body))) {
        reply(
            ctx,
            req,
            HttpResponseStatus.TOO_MANY_REQUESTS,
            ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":"
                    + RpcException.LIMIT_EXCEEDED
                    + ",\"message\":\"rate limit exceeded\"}}")
                .getBytes(StandardCharsets.UTF_8));
        return;
      }
      byte[] out = processor.handle(body);
      reply(ctx, req, HttpResponseStatus.OK, out == null ? new byte[0] : out);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof TooLongFrameException) {
        LOG.debug("request too large from {}", clientKey(ctx));
      }
      ChannelFuture unused = ctx.close();
    }
  }

  private static void reply(
      ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, byte[] body) {
    FullHttpResponse resp =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    resp.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "content-type")
        .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS");
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    if (keepAlive) resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    ChannelFuture f = ctx.writeAndFlush(resp);
    if (!keepAlive) {
      ChannelFuture unused = f.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private final class WsHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private Consumer<byte[]> sink;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      Channel ch = ctx.channel();
      sink =
          bytes -> {
            if (!ch.isActive()) throw new IllegalStateException("closed");
            ChannelFuture unused =
                ch.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
          };
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame)
        throws Exception {
      ByteBuf content = frame.content();
      byte[] body = ByteBufUtil.getBytes(content);
      byte[] out;
      if (!limiter.tryAcquire(clientKey(ctx), cost(body))) {
        out =
            ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":"
                    + RpcException.LIMIT_EXCEEDED
                    + ",\"message\":\"rate limit exceeded\"}}")
                .getBytes(StandardCharsets.UTF_8);
      } else {
        out = handleWs(body);
      }
      if (out != null) {
        ChannelFuture unused =
            ctx.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(out)));
      }
    }

    private byte[] handleWs(byte[] body) throws Exception {
      JsonNode req;
      try {
        req = processor.json().readTree(body);
      } catch (IOException e) {
        return processor.handle(body); // renders the parse error
      }
      String method = req != null && req.isObject() ? req.path("method").asText() : "";
      if (!method.equals("eth_subscribe") && !method.equals("eth_unsubscribe"))
        return processor.handle(body);
      var resp = processor.json().createObjectNode().put("jsonrpc", "2.0");
      resp.set("id", req.get("id"));
      try {
        Params params = new Params(req.get("params"));
        if (method.equals("eth_subscribe")) {
          resp.put("result", subscriptions.subscribe(params, sink));
        } else {
          resp.put("result", subscriptions.unsubscribe(params.string(0)));
        }
      } catch (RpcException e) {
        resp.putObject("error").put("code", e.code()).put("message", e.getMessage());
      }
      return processor.json().writeValueAsBytes(resp);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      subscriptions.removeSink(sink);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ChannelFuture unused = ctx.close();
    }
  }

  @Override
  public void close() {
    synchronized (channels) {
      for (Channel c : channels) c.close().syncUninterruptibly();
      channels.clear();
    }
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
