package io.levity.node.rpc;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
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
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC over HTTP POST for one connection: checks the Origin, hands the body to the {@link
 * RpcDispatcher} and reads nothing more from the connection until it has answered (one request at a
 * time per connection, so a client cannot queue unbounded work by pipelining). Closes the
 * connection when it idles.
 */
final class HttpRpcHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(HttpRpcHandler.class);

  private final RpcDispatcher dispatcher;
  private final OriginPolicy origins;
  private final RpcStats stats;
  private volatile boolean answering;

  HttpRpcHandler(RpcDispatcher dispatcher, OriginPolicy origins, RpcStats stats) {
    this.dispatcher = dispatcher;
    this.origins = origins;
    this.stats = stats;
  }

  static String clientKey(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress a
        ? a.getAddress().getHostAddress()
        : "?";
  }

  static byte[] errorBody(String message) {
    return ("{\"error\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    if (!req.decoderResult().isSuccess()) {
      reply(ctx, false, HttpResponseStatus.BAD_REQUEST, null, errorBody("malformed HTTP request"));
      return;
    }
    String origin = req.headers().get(HttpHeaderNames.ORIGIN);
    String refusal = origins.refusal(req.headers());
    if (refusal != null) {
      stats.originRefused.incrementAndGet();
      LOG.debug("refused a request ({}): origin {}", refusal, origin);
      reply(ctx, false, HttpResponseStatus.FORBIDDEN, null, errorBody(refusal));
      return;
    }
    if (req.method().equals(HttpMethod.OPTIONS)) {
      reply(ctx, keepAlive, HttpResponseStatus.NO_CONTENT, origin, new byte[0]);
      return;
    }
    if (!req.method().equals(HttpMethod.POST)) {
      reply(
          ctx,
          keepAlive,
          HttpResponseStatus.METHOD_NOT_ALLOWED,
          origin,
          errorBody("JSON-RPC requests are POSTed"));
      return;
    }
    byte[] body = ByteBufUtil.getBytes(req.content());
    ctx.channel().config().setAutoRead(false);
    answering = true;
    dispatcher.dispatch(
        clientKey(ctx),
        body,
        name -> null,
        // the answer is written, and the connection marked idle-able again, on the channel's
        // event loop: from the dispatcher's thread, an idle check queued before the write could see
        // the connection no longer answering and close it with the answer still unwritten
        r ->
            ctx.executor()
                .execute(
                    () -> {
                      byte[] out = r.body() == null ? new byte[0] : r.body();
                      reply(ctx, keepAlive, HttpResponseStatus.valueOf(r.status()), origin, out);
                      answering = false;
                      ctx.channel().config().setAutoRead(true);
                    }));
  }

  /** Answers with CORS headers naming the request's origin when it sent one (and it is allowed). */
  static void reply(
      ChannelHandlerContext ctx,
      boolean keepAlive,
      HttpResponseStatus status,
      String origin,
      byte[] body) {
    FullHttpResponse resp =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    resp.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (origin != null) {
      resp.headers()
          .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
          .set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN)
          .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "content-type")
          .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS");
    }
    // HTTP/1.1 connections persist unless told otherwise: a reply on a connection about to close
    // must say so, or the client pools it and its next request meets a closed socket
    resp.headers()
        .set(
            HttpHeaderNames.CONNECTION,
            keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    ChannelFuture f = ctx.writeAndFlush(resp);
    if (!keepAlive) {
      ChannelFuture unused = f.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      // a connection waiting for its answer reads nothing, but is not idle
      if (!answering) {
        ChannelFuture unused = ctx.close();
      }
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      LOG.debug("request too large from {}", clientKey(ctx));
    }
    ChannelFuture unused = ctx.close();
  }
}
