package io.levity.storage.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.Submission;
import io.levity.storage.layout.FileLayout;
import io.levity.storage.layout.MerkleFile;
import io.levity.storage.layout.SectorProof;
import io.levity.storage.proof.Challenge;
import io.levity.storage.shard.SegmentTree;
import io.levity.storage.shard.ShardLayout;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of a storage node: routes each request, streams uploads into {@link ShardUpload}
 * and shard files out with zero-copy file regions. Runs on a worker executor (it blocks on disk and
 * hashing), and reads from the socket only after it has handled the previous message, so a fast
 * client cannot queue a shard in memory.
 */
final class NodeHttpHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(NodeHttpHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StorageNode node;
  private ShardUpload upload;
  private boolean uploadPermit;

  /** Ignore body bytes until the end of the current request (it was already answered). */
  private boolean skipping;

  /** The body of a challenge being received (small, bounded by its Content-Length), or null. */
  private byte[] challenge;

  private int challengeFill;

  /** An upload refused mid-body, answered once the rest of its body has been read. */
  private NodeError pendingError;

  private boolean keepAlive;

  NodeHttpHandler(StorageNode node) {
    this.node = node;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    super.channelActive(ctx);
    ctx.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest req) onRequest(ctx, req);
      if (msg instanceof HttpContent c) onContent(ctx, c);
    } catch (NodeError e) {
      if (upload != null && !(msg instanceof LastHttpContent)) {
        // Refused mid-body (bad roots, too many bytes): read and drop the rest of the body, whose
        // length the headers bounded, then answer, so the client sees the error instead of a reset
        // connection.
        endUpload();
        pendingError = e;
        skipping = true;
      } else {
        endUpload();
        fail(ctx, e);
      }
    } catch (IOException | RuntimeException e) {
      keepAlive = false;
      endUpload();
      LOG.warn("request failed on {}: {}", ctx.channel().remoteAddress(), e.toString(), e);
      fail(
          ctx,
          new NodeError(
              HttpResponseStatus.INTERNAL_SERVER_ERROR,
              NodeProtocol.INTERNAL,
              "internal error: " + e.getMessage()));
    } finally {
      ReferenceCountUtil.release(msg);
    }
    if (ctx.channel().isActive()) ctx.read();
  }

  private void onRequest(ChannelHandlerContext ctx, HttpRequest req) throws NodeError, IOException {
    skipping = true; // until a route decides to read the body
    keepAlive = HttpUtil.isKeepAlive(req);
    if (!req.decoderResult().isSuccess()) {
      keepAlive = false;
      throw NodeError.badRequest(
          "malformed HTTP request: " + req.decoderResult().cause().getMessage());
    }
    if (!node.allowRequest(ctx.channel().remoteAddress())) {
      throw new NodeError(
          HttpResponseStatus.TOO_MANY_REQUESTS,
          NodeProtocol.RATE_LIMITED,
          "more than "
              + node.config().maxRequestsPerSecond()
              + " requests per second from this address; retry shortly");
    }
    QueryStringDecoder uri = new QueryStringDecoder(req.uri());
    String[] parts = uri.path().split("/", -1); // "", "v1", "shards", root, index, "sectors", n
    HttpMethod method = req.method();
    if (uri.path().equals(NodeProtocol.HEALTH)) {
      requireGet(method, req);
      replyJson(ctx, HttpResponseStatus.OK, health());
    } else if (uri.path().equals(NodeProtocol.SHARDS)) {
      requireGet(method, req);
      List<String> file = uri.parameters().get("file");
      replyJson(ctx, HttpResponseStatus.OK, list(file == null ? null : parseRoot(file.getFirst())));
    } else if (uri.path().equals(NodeProtocol.CHALLENGE)) {
      if (!method.equals(HttpMethod.POST)) throw notAllowed(method, "POST");
      long length = HttpUtil.getContentLength(req, -1L);
      if (length < 0 || HttpUtil.isTransferEncodingChunked(req)) {
        keepAlive = false;
        throw new NodeError(
            HttpResponseStatus.LENGTH_REQUIRED,
            NodeProtocol.LENGTH_REQUIRED,
            "a challenge needs a Content-Length");
      }
      if (length > Challenge.MAX_ENCODED_BYTES) {
        keepAlive = false;
        throw tooLarge(
            "a challenge is at most " + Challenge.MAX_ENCODED_BYTES + " bytes; got " + length);
      }
      challenge = new byte[(int) length];
      challengeFill = 0;
      skipping = false;
    } else if (parts.length == 5 && parts[1].equals("v1") && parts[2].equals("shards")) {
      Bytes32 root = parseRoot(parts[3]);
      int index = parseShardIndex(parts[4]);
      if (method.equals(HttpMethod.PUT)) startUpload(ctx, req, root, index);
      else if (method.equals(HttpMethod.GET)) sendShard(ctx, root, index);
      else throw notAllowed(method, "GET or PUT");
    } else if (parts.length == 7
        && parts[1].equals("v1")
        && parts[2].equals("shards")
        && parts[5].equals("sectors")) {
      requireGet(method, req);
      sendSector(
          ctx, parseRoot(parts[3]), parseShardIndex(parts[4]), parseInt(parts[6], "sector index"));
    } else {
      throw new NodeError(
          HttpResponseStatus.NOT_FOUND,
          NodeProtocol.NOT_FOUND,
          "no such endpoint: " + uri.path() + " (see docs/storage.md, Node protocol)");
    }
  }

  private void onContent(ChannelHandlerContext ctx, HttpContent c) throws NodeError, IOException {
    boolean last = c instanceof LastHttpContent;
    if (!skipping && challenge != null) {
      int n = Math.min(c.content().readableBytes(), challenge.length - challengeFill);
      c.content().readBytes(challenge, challengeFill, n);
      challengeFill += n;
      if (last) answerChallenge(ctx);
      return;
    }
    if (skipping || upload == null) {
      if (last) {
        skipping = false;
        if (pendingError != null) {
          NodeError e = pendingError;
          pendingError = null;
          fail(ctx, e);
        }
      }
      return;
    }
    upload.accept(c.content());
    if (!last) return;
    ShardMeta meta;
    try {
      meta = upload.finish();
    } finally {
      endUpload();
    }
    ObjectNode body =
        JSON.createObjectNode()
            .put("stored", true)
            .put("fileRoot", meta.fileRoot().toHex())
            .put("index", meta.index())
            .put("shardRoot", meta.shardRoot().toHex())
            .put("size", meta.shardSize());
    replyJson(ctx, HttpResponseStatus.CREATED, body);
  }

  private void answerChallenge(ChannelHandlerContext ctx) throws NodeError, IOException {
    byte[] body = challenge;
    boolean complete = challengeFill == body.length;
    challenge = null;
    skipping = true;
    if (!complete) throw NodeError.badRequest("the challenge body ended early");
    // Challenges have slots of their own: clients holding every transfer slot must not make an
    // honest node fail its proofs of storage.
    if (!node.challenges().tryAcquire()) throw busy();
    byte[] answer;
    try {
      answer = new ChallengeResponder(node).answer(body);
    } finally {
      node.challenges().release();
    }
    FullHttpResponse resp =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(answer));
    resp.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, NodeProtocol.OCTET_STREAM)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.length);
    skipping = false; // the request is complete; the next one decides
    send(ctx, resp);
  }

  private void startUpload(ChannelHandlerContext ctx, HttpRequest req, Bytes32 root, int index)
      throws NodeError, IOException {
    keepAlive =
        false; // an early answer leaves an unread body behind: such connections are closed after a
    // reply
    if (HttpUtil.isTransferEncodingChunked(req) || !HttpUtil.isContentLengthSet(req)) {
      throw new NodeError(
          HttpResponseStatus.LENGTH_REQUIRED,
          NodeProtocol.LENGTH_REQUIRED,
          "a shard upload needs a Content-Length");
    }
    long length = HttpUtil.getContentLength(req, -1L);
    long max = node.config().maxShardBytes();
    if (length > NodeProtocol.prefixLength(255) + max) {
      throw tooLarge(
          "the body has "
              + length
              + " bytes; this node accepts shards of at most "
              + max
              + " bytes");
    }
    Submission s =
        node.chain()
            .submission(root)
            .orElseThrow(
                () ->
                    new NodeError(
                        HttpResponseStatus.NOT_FOUND,
                        NodeProtocol.UNKNOWN_FILE,
                        "no submission is recorded on chain for "
                            + root
                            + "; submit the file first"));
    ShardLayout layout = new ShardLayout(s.dataShards(), s.parityShards(), s.length());
    if (index >= layout.totalShards()) {
      throw NodeError.badRequest(
          "shard index "
              + index
              + " out of range: the file has "
              + layout.totalShards()
              + " shards");
    }
    if (layout.shardSize() > max) {
      throw tooLarge(
          "shards of this file are "
              + layout.shardSize()
              + " bytes; this node accepts at most "
              + max);
    }
    if (length != ShardUpload.bodyLength(layout)) {
      throw new NodeError(
          HttpResponseStatus.BAD_REQUEST,
          NodeProtocol.SIZE_MISMATCH,
          "the body has "
              + length
              + " bytes; expected "
              + ShardUpload.bodyLength(layout)
              + " (1 + 32 x "
              + layout.totalShards()
              + " bytes of roots, then a "
              + layout.shardSize()
              + "-byte shard)");
    }
    // The slot comes first: checking a held copy hashes the whole shard, which a bare PUT must not
    // get for free.
    if (!node.transfers().tryAcquire()) throw busy();
    uploadPermit = true;
    Optional<ShardMeta> held = node.store().meta(root, index);
    if (held.isPresent() && intact(held.get())) {
      endUpload();
      replyJson(
          ctx,
          HttpResponseStatus.OK,
          JSON.createObjectNode()
              .put("stored", false)
              .put("reason", "already held")
              .put("fileRoot", root.toHex())
              .put("index", index)
              .put("shardRoot", held.get().shardRoot().toHex())
              .put("size", held.get().shardSize()));
      return;
    }
    try {
      upload = new ShardUpload(s, index, node.store().begin());
    } catch (IOException | RuntimeException e) {
      endUpload();
      throw e;
    }
    skipping = false;
    keepAlive = HttpUtil.isKeepAlive(req);
    if (HttpUtil.is100ContinueExpected(req)) {
      ctx.writeAndFlush(
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
    }
  }

  /** Whether a held shard still matches its metadata; quarantines it otherwise. */
  private boolean intact(ShardMeta meta) throws IOException {
    Optional<FileChannel> in = node.store().open(meta.fileRoot(), meta.index());
    if (in.isEmpty()) {
      node.store().quarantine(meta.fileRoot(), meta.index(), "file missing");
      return false;
    }
    try (FileChannel c = in.get()) {
      String bad = ShardStore.check(meta, c);
      if (bad != null) node.store().quarantine(meta.fileRoot(), meta.index(), bad);
      return bad == null;
    }
  }

  private void sendShard(ChannelHandlerContext ctx, Bytes32 root, int index)
      throws NodeError, IOException {
    ShardMeta meta = held(root, index);
    if (!node.transfers().tryAcquire()) throw busy();
    boolean handedOff = false;
    FileChannel in = null;
    try {
      in = node.store().open(root, index).orElse(null);
      String bad = in == null ? "file missing" : ShardStore.check(meta, in);
      if (bad != null) {
        node.store().quarantine(root, index, bad);
        throw corrupt(root, index, bad);
      }
      byte[] prefix = NodeProtocol.prefix(meta.shardRoots());
      HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      head.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, NodeProtocol.OCTET_STREAM)
          .set(HttpHeaderNames.CONTENT_LENGTH, prefix.length + meta.shardSize())
          .set(NodeProtocol.SHARD_ROOT_HEADER, meta.shardRoot().toHex());
      setConnection(head);
      ctx.write(head);
      ctx.write(new io.netty.handler.codec.http.DefaultHttpContent(Unpooled.wrappedBuffer(prefix)));
      ctx.write(new DefaultFileRegion(in, 0, meta.shardSize())); // closes the channel when released
      handedOff = true;
      ChannelFuture done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      done.addListener(f -> node.transfers().release());
      if (!keepAlive) done.addListener(ChannelFutureListener.CLOSE);
    } finally {
      if (!handedOff) {
        node.transfers().release();
        if (in != null) in.close();
      }
    }
  }

  private void sendSector(ChannelHandlerContext ctx, Bytes32 root, int index, long sector)
      throws NodeError, IOException {
    ShardMeta meta = held(root, index);
    long sectors = FileLayout.sectorCount(meta.shardSize());
    if (sector < 0 || sector >= sectors) {
      throw NodeError.badRequest(
          "sector " + sector + " out of range: the shard has " + sectors + " sectors");
    }
    if (!node.transfers().tryAcquire()) throw busy();
    try {
      int segment = (int) (sector / FileLayout.SECTORS_PER_SEGMENT);
      byte[] buf = new byte[ShardLayout.SEGMENT_SIZE];
      Optional<FileChannel> in = node.store().open(root, index);
      String bad;
      if (in.isEmpty()) {
        bad = "file missing";
      } else {
        try (FileChannel c = in.get()) {
          bad =
              c.size() != meta.shardSize()
                  ? "size " + c.size() + " on disk, expected " + meta.shardSize()
                  : ShardStore.checkSegment(meta, c, segment, buf);
        }
      }
      if (bad != null) {
        node.store().quarantine(root, index, bad);
        throw corrupt(root, index, bad);
      }
      MerkleFile seg = MerkleFile.of(buf);
      int inSegment = (int) (sector % FileLayout.SECTORS_PER_SEGMENT);
      SectorProof proof =
          new SectorProof(
              sector,
              seg.prove(inSegment).segmentPath(),
              SegmentTree.path(meta.segmentRoots(), segment));
      ObjectNode body =
          JSON.createObjectNode()
              .put("fileRoot", root.toHex())
              .put("shardIndex", index)
              .put("shardRoot", meta.shardRoot().toHex())
              .put("shardLength", meta.shardSize())
              .put("sectorIndex", sector)
              .put("sector", io.levity.core.bytes.Hex.encode(seg.sector(inSegment)));
      ArrayNode sp = body.putArray("segmentPath");
      proof.segmentPath().forEach(h -> sp.add(h.toHex()));
      ArrayNode fp = body.putArray("filePath");
      proof.filePath().forEach(h -> fp.add(h.toHex()));
      replyJson(ctx, HttpResponseStatus.OK, body);
    } finally {
      node.transfers().release();
    }
  }

  private ShardMeta held(Bytes32 root, int index) throws NodeError {
    return node.store()
        .meta(root, index)
        .orElseThrow(
            () ->
                new NodeError(
                    HttpResponseStatus.NOT_FOUND,
                    NodeProtocol.NOT_FOUND,
                    "this node does not hold shard " + index + " of " + root));
  }

  private ObjectNode health() {
    List<ShardMeta> all = node.store().list(null);
    return JSON.createObjectNode()
        .put("status", "ok")
        .put("nodeId", node.nodeId().toHex())
        .put("endpoint", node.endpoint())
        .put("shards", all.size())
        .put("bytes", all.stream().mapToLong(ShardMeta::shardSize).sum())
        .put("maxShardBytes", node.config().maxShardBytes());
  }

  private ObjectNode list(Bytes32 file) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode arr = body.putArray("shards");
    for (ShardMeta m : node.store().list(file)) {
      arr.addObject()
          .put("fileRoot", m.fileRoot().toHex())
          .put("index", m.index())
          .put("size", m.shardSize())
          .put("shardRoot", m.shardRoot().toHex());
    }
    return body;
  }

  private void endUpload() {
    if (upload != null) {
      upload.close();
      upload = null;
    }
    if (uploadPermit) {
      uploadPermit = false;
      node.transfers().release();
    }
  }

  private void requireGet(HttpMethod method, HttpRequest req) throws NodeError {
    if (!method.equals(HttpMethod.GET)) throw notAllowed(method, "GET");
    if (HttpUtil.getContentLength(req, 0L) > 0 || HttpUtil.isTransferEncodingChunked(req)) {
      keepAlive = false;
      throw NodeError.badRequest("GET requests have no body");
    }
  }

  private static NodeError notAllowed(HttpMethod method, String allowed) {
    return new NodeError(
        HttpResponseStatus.METHOD_NOT_ALLOWED,
        NodeProtocol.METHOD_NOT_ALLOWED,
        method + " is not allowed here; use " + allowed);
  }

  private static NodeError tooLarge(String message) {
    return new NodeError(
        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, NodeProtocol.TOO_LARGE, message);
  }

  private NodeError busy() {
    return new NodeError(
        HttpResponseStatus.SERVICE_UNAVAILABLE,
        NodeProtocol.BUSY,
        "the node is serving its maximum of "
            + node.config().maxTransfers()
            + " shard transfers; retry shortly");
  }

  private static NodeError corrupt(Bytes32 root, int index, String why) {
    return new NodeError(
        HttpResponseStatus.GONE,
        NodeProtocol.CORRUPT,
        "shard "
            + index
            + " of "
            + root
            + " was corrupt on disk ("
            + why
            + "); the node dropped it, repair the file to restore it");
  }

  private static Bytes32 parseRoot(String s) throws NodeError {
    try {
      return Bytes32.fromHex32(s);
    } catch (IllegalArgumentException e) {
      throw NodeError.badRequest(
          "not a 32-byte hex file root: '" + abbreviate(s) + "' (" + e.getMessage() + ")");
    }
  }

  /** A shard index: a code has at most 255 shards, so 0..254. */
  private static int parseShardIndex(String s) throws NodeError {
    int i = parseInt(s, "shard index");
    if (i > 254) throw NodeError.badRequest("shard index " + i + " out of range 0..254");
    return i;
  }

  private static int parseInt(String s, String what) throws NodeError {
    try {
      int v = Integer.parseInt(s);
      if (v < 0) throw new NumberFormatException("negative");
      return v;
    } catch (NumberFormatException e) {
      throw NodeError.badRequest("bad " + what + ": '" + abbreviate(s) + "'");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  private void fail(ChannelHandlerContext ctx, NodeError e) {
    if (!ctx.channel().isActive()) return;
    skipping = true;
    ObjectNode body = JSON.createObjectNode().put("error", e.code).put("message", e.getMessage());
    FullHttpResponse resp = response(e.status, body);
    if (e.status.equals(HttpResponseStatus.SERVICE_UNAVAILABLE)
        || e.status.equals(HttpResponseStatus.TOO_MANY_REQUESTS)) {
      resp.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
    }
    if (e.status.code() >= 500 && !e.status.equals(HttpResponseStatus.SERVICE_UNAVAILABLE))
      keepAlive = false;
    send(ctx, resp);
  }

  private void replyJson(ChannelHandlerContext ctx, HttpResponseStatus status, ObjectNode body) {
    send(ctx, response(status, body));
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

  private static FullHttpResponse response(HttpResponseStatus status, ObjectNode body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      bytes =
          ("{\"error\":\"internal\",\"message\":\"cannot render a response\"}")
              .getBytes(StandardCharsets.UTF_8);
    }
    FullHttpResponse resp =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    resp.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    return resp;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      LOG.debug("closing idle connection {}", ctx.channel().remoteAddress());
      ctx.close();
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    endUpload();
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    endUpload();
    ctx.close();
  }
}
