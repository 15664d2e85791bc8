package io.levity.storage.node;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of a storage node: the HTTP side of {@link StorageService}. It frames requests
 * into service calls (streaming an upload's body into its {@link ShardUpload}), and the service's
 * results into responses: JSON bodies, shard files as zero-copy file regions, refusals with their
 * status. Its work runs on one worker thread of the connection ({@code worker}: it blocks on disk
 * and hashing, messages are handled in order), and it reads from the socket only after it has
 * handled the previous message, so a fast client cannot queue a shard in memory.
 */
final class NodeHttpHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(NodeHttpHandler.class);

  private final StorageService service;
  private final EventExecutor worker;
  private final Runnable onGone;

  /** What the body of the request being read is for. */
  private sealed interface Body {}

  /**
   * Bytes to drop up to the end of the request (it was answered already, or it is refused: an
   * upload refused mid-body is answered with {@code refusal} once the rest of its body is read).
   */
  private record Skip(NodeError refusal) implements Body {}

  /** A challenge being received (small, bounded by its Content-Length). */
  private record ChallengeBody(ByteBuffer bytes) implements Body {}

  /** A shard streaming into its upload. */
  private record UploadBody(ShardUpload upload) implements Body {}

  private static final Body SKIP = new Skip(null);

  private Body body = SKIP;
  private boolean keepAlive;

  /**
   * @param worker runs every step of this connection, in order
   * @param onGone runs on the worker after the connection's last step
   */
  NodeHttpHandler(StorageService service, EventExecutor worker, Runnable onGone) {
    this.service = service;
    this.worker = worker;
    this.onGone = onGone;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    super.channelActive(ctx);
    ctx.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      worker.execute(() -> handle(ctx, msg));
    } catch (RejectedExecutionException e) { // the node is shutting down
      ReferenceCountUtil.release(msg);
      OpenConnections.close(ctx.channel());
    }
  }

  private void handle(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest req) onRequest(ctx, req);
      if (msg instanceof HttpContent c) onContent(ctx, c);
    } catch (NodeError e) {
      if (body instanceof UploadBody && !(msg instanceof LastHttpContent)) {
        // Refused mid-body (bad roots, too many bytes): read and drop the rest of the body, whose
        // length the headers bounded, then answer, so the client sees the error instead of a reset
        // connection.
        endUpload();
        body = new Skip(e);
      } else {
        endUpload();
        fail(ctx, e);
      }
    } catch (IOException | RuntimeException e) {
      keepAlive = false;
      endUpload();
      LOG.warn("request failed on {}: {}", ctx.channel().remoteAddress(), e.toString(), e);
      fail(ctx, new NodeError(NodeErrorCode.INTERNAL, "internal error: " + e.getMessage()));
    } finally {
      ReferenceCountUtil.release(msg);
    }
    if (ctx.channel().isActive()) ctx.read();
  }

  private void onRequest(ChannelHandlerContext ctx, HttpRequest req) throws NodeError, IOException {
    body = SKIP; // until a route decides to read the body
    keepAlive = HttpUtil.isKeepAlive(req);
    if (!req.decoderResult().isSuccess()) {
      keepAlive = false;
      throw NodeError.badRequest(
          "malformed HTTP request: " + req.decoderResult().cause().getMessage());
    }
    service.admit(client(ctx.channel().remoteAddress()));
    boolean hasBody =
        HttpUtil.getContentLength(req, 0L) > 0 || HttpUtil.isTransferEncodingChunked(req);
    NodeRequest route = NodeRoutes.route(req.method().name(), req.uri(), hasBody);
    switch (route) {
      case NodeRequest.Health() ->
          reply(ctx, HttpResponseStatus.OK, NodeJson.health(service.health()));
      case NodeRequest.ListShards l ->
          reply(ctx, HttpResponseStatus.OK, NodeJson.list(service.list(l.file())));
      case NodeRequest.GetSector s ->
          reply(
              ctx,
              HttpResponseStatus.OK,
              NodeJson.sector(service.sector(s.fileRoot(), s.index(), s.sector())));
      case NodeRequest.GetShard g -> sendShard(ctx, service.openShard(g.fileRoot(), g.index()));
      case NodeRequest.PutShard p -> startUpload(ctx, req, p);
      case NodeRequest.AnswerChallenge() -> {
        keepAlive = false; // a refusal now leaves the body unread
        body = new ChallengeBody(ByteBuffer.allocate(service.challengeLength(declaredLength(req))));
        keepAlive = HttpUtil.isKeepAlive(req);
      }
    }
  }

  /** The Content-Length, or -1 when there is none or the body is chunked. */
  private static long declaredLength(HttpRequest req) {
    return HttpUtil.isTransferEncodingChunked(req) ? -1 : HttpUtil.getContentLength(req, -1L);
  }

  /** Rate limits apply per client address. */
  private static String client(SocketAddress remote) {
    return remote instanceof InetSocketAddress a
        ? a.getAddress().getHostAddress()
        : String.valueOf(remote);
  }

  private void onContent(ChannelHandlerContext ctx, HttpContent c) throws NodeError, IOException {
    boolean last = c instanceof LastHttpContent;
    ByteBuf content = c.content();
    switch (body) {
      case ChallengeBody(ByteBuffer bytes) -> {
        int n = Math.min(content.readableBytes(), bytes.remaining());
        content.readBytes(bytes.slice(bytes.position(), n));
        bytes.position(bytes.position() + n);
        if (last) answerChallenge(ctx, bytes);
      }
      case UploadBody(ShardUpload upload) -> {
        if (content.isReadable()) for (ByteBuffer b : content.nioBuffers()) upload.accept(b);
        if (last) {
          ShardMeta meta;
          try {
            meta = upload.finish();
          } finally {
            endUpload();
          }
          reply(ctx, HttpResponseStatus.CREATED, NodeJson.put(true, meta));
        }
      }
      case Skip(NodeError refusal) -> {
        if (last) {
          body = SKIP;
          if (refusal != null) fail(ctx, refusal);
        }
      }
    }
  }

  private void answerChallenge(ChannelHandlerContext ctx, ByteBuffer bytes)
      throws NodeError, IOException {
    body = SKIP;
    if (bytes.hasRemaining()) throw NodeError.badRequest("the challenge body ended early");
    byte[] challenge = new byte[bytes.flip().remaining()];
    bytes.get(challenge);
    byte[] answer = service.answerChallenge(challenge);
    send(ctx, response(HttpResponseStatus.OK, NodeProtocol.OCTET_STREAM, answer));
  }

  private void startUpload(ChannelHandlerContext ctx, HttpRequest req, NodeRequest.PutShard put)
      throws NodeError, IOException {
    // An early answer leaves an unread body behind: such connections are closed after a reply.
    keepAlive = false;
    switch (service.beginUpload(put.fileRoot(), put.index(), declaredLength(req))) {
      case UploadStart.AlreadyHeld held ->
          reply(ctx, HttpResponseStatus.OK, NodeJson.put(false, held.meta()));
      case UploadStart.Receiving r -> {
        body = new UploadBody(r.upload());
        keepAlive = HttpUtil.isKeepAlive(req);
        if (HttpUtil.is100ContinueExpected(req)) {
          ctx.writeAndFlush(
                  new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE))
              .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        }
      }
    }
  }

  private void sendShard(ChannelHandlerContext ctx, ShardRead read) {
    boolean handedOff = false;
    try {
      HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      head.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, NodeProtocol.OCTET_STREAM)
          .set(HttpHeaderNames.CONTENT_LENGTH, read.bodyLength())
          .set(NodeProtocol.SHARD_ROOT_HEADER, read.meta().shardRoot().toHex());
      setConnection(head);
      // A failed write closes the connection (exceptionCaught); the region closes the file when it
      // is released.
      write(ctx, head);
      write(ctx, new DefaultHttpContent(Unpooled.wrappedBuffer(read.prefix())));
      write(ctx, new DefaultFileRegion(read.channel(), 0, read.meta().shardSize()));
      handedOff = true;
      ChannelFuture done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      done.addListener(f -> read.close());
      if (!keepAlive) done.addListener(ChannelFutureListener.CLOSE);
    } finally {
      if (!handedOff) read.close();
    }
  }

  private static void write(ChannelHandlerContext ctx, Object msg) {
    ctx.write(msg).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }

  private void endUpload() {
    if (body instanceof UploadBody(ShardUpload upload)) {
      upload.close();
      body = SKIP;
    }
  }

  private void fail(ChannelHandlerContext ctx, NodeError e) {
    if (!ctx.channel().isActive()) return;
    body = SKIP;
    int status = e.code().status();
    FullHttpResponse resp =
        response(
            HttpResponseStatus.valueOf(status),
            HttpHeaderValues.APPLICATION_JSON,
            NodeJson.error(e));
    if (e.code().retryLater()) resp.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
    if (e.closesConnection() || (status >= 500 && !e.code().retryLater())) keepAlive = false;
    send(ctx, resp);
  }

  private void reply(ChannelHandlerContext ctx, HttpResponseStatus status, byte[] json) {
    send(ctx, response(status, HttpHeaderValues.APPLICATION_JSON, json));
  }

  private void send(ChannelHandlerContext ctx, FullHttpResponse resp) {
    setConnection(resp);
    ChannelFuture f = ctx.writeAndFlush(resp);
    if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
  }

  private void setConnection(HttpResponse resp) {
    resp.headers()
        .set(
            HttpHeaderNames.CONNECTION,
            keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
  }

  private static FullHttpResponse response(
      HttpResponseStatus status, CharSequence contentType, byte[] body) {
    FullHttpResponse resp =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    resp.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return resp;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      LOG.debug("closing idle connection {}", ctx.channel().remoteAddress());
      OpenConnections.close(ctx.channel());
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    onWorker(this::endUpload);
    super.channelInactive(ctx);
  }

  /** After the pipeline is torn down: the worker runs the steps still queued, then this. */
  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    onWorker(
        () -> {
          endUpload();
          onGone.run();
        });
  }

  /** Runs {@code step} after the connection's queued steps; inline once the worker has stopped. */
  private void onWorker(Runnable step) {
    try {
      worker.execute(step);
    } catch (RejectedExecutionException e) {
      step.run();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    onWorker(this::endUpload);
    OpenConnections.close(ctx.channel());
  }
}
