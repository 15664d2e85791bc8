package io.levity.storage.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.storage.chain.Submission;
import io.levity.storage.layout.SectorProof;
import io.levity.storage.node.NodeProtocol;
import io.levity.storage.shard.SegmentHasher;
import io.levity.storage.shard.ShardCommitment;
import io.levity.storage.shard.ShardLayout;
import io.levity.storage.shard.ShardVerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * HTTP client of one or many storage nodes (protocol: {@link NodeProtocol}). Downloads are checked
 * as they stream: the shard roots against the recorded commitment, the bytes against their root, so
 * a shard it returns is known to be good. Thread-safe; one instance shares its connections between
 * calls.
 */
public final class HttpNodeClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param connectTimeout how long to wait for a TCP connection (a down node fails this fast)
   * @param requestTimeout how long a whole request may take, shard transfers included
   */
  public record Config(Duration connectTimeout, Duration requestTimeout) {
    public static Config defaults() {
      return new Config(Duration.ofSeconds(3), Duration.ofMinutes(10));
    }
  }

  private final Config config;
  private final HttpClient http;

  public HttpNodeClient() {
    this(Config.defaults());
  }

  public HttpNodeClient(Config config) {
    this.config = config;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .build();
  }

  /** The node's health report (status, nodeId, endpoint, shards, bytes, maxShardBytes). */
  public JsonNode health(String endpoint) throws NodeRequestException {
    return json(endpoint, send(endpoint, get(endpoint, NodeProtocol.HEALTH), bounded()));
  }

  /** The outcome of a put: stored now, or already held by the node ({@code stored} false). */
  public record PutResult(boolean stored, String reason) {}

  /**
   * Sends shard {@code index} of {@code fileRoot} (the file at {@code shard}) with all k + m shard
   * roots; {@code sent} hears the shard bytes handed to the connection.
   */
  public PutResult put(
      String endpoint,
      Bytes32 fileRoot,
      int index,
      List<Bytes32> roots,
      Path shard,
      LongConsumer sent)
      throws IOException {
    BodyPublisher body =
        BodyPublishers.concat(
            BodyPublishers.ofByteArray(NodeProtocol.prefix(roots)),
            counting(BodyPublishers.ofFile(shard), sent));
    HttpRequest req =
        HttpRequest.newBuilder(uri(endpoint, NodeProtocol.shardPath(fileRoot, index)))
            .timeout(config.requestTimeout())
            .expectContinue(true)
            .header("Content-Type", NodeProtocol.OCTET_STREAM)
            .PUT(body)
            .build();
    JsonNode answer = json(endpoint, send(endpoint, req, bounded()));
    return new PutResult(answer.path("stored").asBoolean(), answer.path("reason").asText(""));
  }

  /**
   * A verified shard: the k + m shard roots the node sent (they hash to the commitment) and the
   * roots of the shard's segments, as hashed while it was received.
   */
  public record Fetched(List<Bytes32> shardRoots, List<Bytes32> segmentRoots) {}

  /**
   * Downloads shard {@code index} of the file recorded as {@code s} into {@code out} (created or
   * replaced) and verifies it against the commitment. Throws {@link ShardVerificationException}
   * when the node sent roots or bytes that do not verify.
   */
  public Fetched fetch(String endpoint, Submission s, int index, Path out) throws IOException {
    return fetch(endpoint, s, index, out, n -> {});
  }

  /**
   * As {@link #fetch(String, Submission, int, Path)}, telling {@code received} of the shard bytes
   * as they come.
   */
  public Fetched fetch(String endpoint, Submission s, int index, Path out, LongConsumer received)
      throws IOException {
    ShardLayout layout = new ShardLayout(s.dataShards(), s.parityShards(), s.length());
    HttpResponse<InputStream> resp =
        send(
            endpoint,
            get(endpoint, NodeProtocol.shardPath(s.fileRoot(), index)),
            HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = resp.body()) {
      if (resp.statusCode() != 200)
        throw error(endpoint, resp.statusCode(), in.readNBytes(MAX_REPLY_BYTES));
      byte[] prefix = in.readNBytes(NodeProtocol.prefixLength(layout.totalShards()));
      List<Bytes32> roots;
      try {
        roots = NodeProtocol.parsePrefix(prefix);
      } catch (IllegalArgumentException e) {
        throw new ShardVerificationException(
            endpoint + " sent a malformed roots prefix for shard " + index);
      }
      if (!ShardCommitment.matches(s.shardCommitment(), s.dataShards(), s.parityShards(), roots)) {
        throw new ShardVerificationException(
            endpoint
                + " sent shard roots for "
                + s.fileRoot()
                + " that do not hash to the recorded commitment");
      }
      try (FileChannel dst =
          FileChannel.open(
              out,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        SegmentHasher hasher =
            new SegmentHasher(
                (data, len) -> {
                  ByteBuffer bb = ByteBuffer.wrap(data, 0, len);
                  while (bb.hasRemaining()) dst.write(bb);
                });
        byte[] buf = new byte[64 * 1024];
        for (int r; (r = in.read(buf)) >= 0; ) {
          if (hasher.length() + r > layout.shardSize()) {
            throw new ShardVerificationException(
                endpoint
                    + " sent more than the "
                    + layout.shardSize()
                    + " bytes of shard "
                    + index);
          }
          hasher.update(buf, 0, r);
          received.accept(r);
        }
        if (hasher.length() != layout.shardSize()) {
          throw new IOException(
              endpoint
                  + " sent "
                  + hasher.length()
                  + " of the "
                  + layout.shardSize()
                  + " bytes of shard "
                  + index
                  + " (connection cut?)");
        }
        Bytes32 root = hasher.finish();
        if (!root.equals(roots.get(index))) {
          throw new ShardVerificationException(
              endpoint
                  + " sent shard "
                  + index
                  + " of "
                  + s.fileRoot()
                  + " hashing to "
                  + root
                  + ", not its root "
                  + roots.get(index));
        }
        return new Fetched(roots, List.copyOf(hasher.segmentRoots()));
      }
    }
  }

  /** A shard a node says it holds. */
  public record HeldShard(Bytes32 fileRoot, int index, long size, Bytes32 shardRoot) {}

  /** The shards the node holds: all, or those of {@code fileRoot} when it is not null. */
  public List<HeldShard> list(String endpoint, Bytes32 fileRoot) throws NodeRequestException {
    String path = NodeProtocol.SHARDS + (fileRoot == null ? "" : "?file=" + fileRoot.toHex());
    JsonNode body = json(endpoint, send(endpoint, get(endpoint, path), bounded()));
    List<HeldShard> out = new ArrayList<>();
    for (JsonNode n : body.path("shards")) {
      out.add(
          new HeldShard(
              Bytes32.fromHex32(n.path("fileRoot").asText()),
              n.path("index").asInt(),
              n.path("size").asLong(),
              Bytes32.fromHex32(n.path("shardRoot").asText())));
    }
    return out;
  }

  /**
   * One sector of a shard with its proof against the shard root (check it with {@code
   * SectorProofVerifier}).
   */
  public record SectorAnswer(
      Bytes32 fileRoot,
      int shardIndex,
      Bytes32 shardRoot,
      long shardLength,
      byte[] sector,
      SectorProof proof) {}

  public SectorAnswer sector(String endpoint, Bytes32 fileRoot, int index, long sector)
      throws NodeRequestException {
    JsonNode b =
        json(
            endpoint,
            send(
                endpoint,
                get(endpoint, NodeProtocol.sectorPath(fileRoot, index, sector)),
                bounded()));
    try {
      List<Bytes32> segPath = new ArrayList<>();
      b.path("segmentPath").forEach(h -> segPath.add(Bytes32.fromHex32(h.asText())));
      List<Bytes32> filePath = new ArrayList<>();
      b.path("filePath").forEach(h -> filePath.add(Bytes32.fromHex32(h.asText())));
      return new SectorAnswer(
          Bytes32.fromHex32(b.path("fileRoot").asText()),
          b.path("shardIndex").asInt(),
          Bytes32.fromHex32(b.path("shardRoot").asText()),
          b.path("shardLength").asLong(),
          Hex.decode(b.path("sector").asText()),
          new SectorProof(b.path("sectorIndex").asLong(), segPath, filePath));
    } catch (IllegalArgumentException e) {
      throw new NodeRequestException(
          endpoint, 200, "malformed", "malformed sector answer: " + e.getMessage(), e);
    }
  }

  /**
   * Sends an encoded proof-of-storage challenge and returns the node's encoded answer (unverified),
   * or empty when the node says it does not hold the shard (404).
   */
  public java.util.Optional<byte[]> challenge(String endpoint, byte[] encodedChallenge)
      throws NodeRequestException {
    HttpRequest req =
        HttpRequest.newBuilder(uri(endpoint, NodeProtocol.CHALLENGE))
            .timeout(config.requestTimeout())
            .header("Content-Type", NodeProtocol.OCTET_STREAM)
            .POST(BodyPublishers.ofByteArray(encodedChallenge))
            .build();
    HttpResponse<byte[]> resp = send(endpoint, req, bounded());
    if (resp.statusCode() == 404) return java.util.Optional.empty();
    if (resp.statusCode() != 200) throw error(endpoint, resp.statusCode(), resp.body());
    return java.util.Optional.of(resp.body());
  }

  private HttpRequest get(String endpoint, String path) {
    return HttpRequest.newBuilder(uri(endpoint, path))
        .timeout(config.requestTimeout())
        .GET()
        .build();
  }

  private static URI uri(String endpoint, String path) {
    return URI.create("http://" + endpoint + path);
  }

  private <T> HttpResponse<T> send(
      String endpoint, HttpRequest req, HttpResponse.BodyHandler<T> handler)
      throws NodeRequestException {
    try {
      return http.send(req, handler);
    } catch (IOException e) {
      throw new NodeRequestException(endpoint, 0, "unreachable", "cannot reach the node: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeRequestException(endpoint, 0, "unreachable", "interrupted", e);
    }
  }

  /**
   * Largest reply read into memory (JSON, errors, challenge answers): a node's list of shards for
   * one file, or an answer of at most 128 KiB, is far below it; a hostile node cannot make a client
   * or auditor buffer more.
   */
  static final int MAX_REPLY_BYTES = 4 << 20;

  /**
   * Collects at most {@link #MAX_REPLY_BYTES} of a body, then cancels the rest (a cut body fails to
   * parse or verify).
   */
  private static HttpResponse.BodyHandler<byte[]> bounded() {
    return info ->
        new HttpResponse.BodySubscriber<byte[]>() {
          private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
          private final java.util.concurrent.CompletableFuture<byte[]> result =
              new java.util.concurrent.CompletableFuture<>();
          private Flow.Subscription subscription;

          @Override
          public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return result;
          }

          @Override
          public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
              int n = Math.min(b.remaining(), MAX_REPLY_BYTES - buf.size());
              if (n <= 0) break;
              byte[] a = new byte[n];
              b.get(a);
              buf.write(a, 0, n);
            }
            if (buf.size() >= MAX_REPLY_BYTES) {
              subscription.cancel();
              result.complete(buf.toByteArray());
            }
          }

          @Override
          public void onError(Throwable t) {
            result.completeExceptionally(t);
          }

          @Override
          public void onComplete() {
            result.complete(buf.toByteArray());
          }
        };
  }

  private static JsonNode json(String endpoint, HttpResponse<byte[]> resp)
      throws NodeRequestException {
    if (resp.statusCode() / 100 != 2) throw error(endpoint, resp.statusCode(), resp.body());
    try {
      return JSON.readTree(resp.body());
    } catch (IOException e) {
      throw new NodeRequestException(
          endpoint, resp.statusCode(), "malformed", "the answer is not JSON", e);
    }
  }

  private static NodeRequestException error(String endpoint, int status, byte[] body) {
    String code = "http_" + status;
    String message = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    try {
      JsonNode err = JSON.readTree(body);
      if (err != null && err.has("error")) {
        code = err.path("error").asText();
        message = err.path("message").asText();
      }
    } catch (IOException notJson) {
      // keep the raw body as the message
    }
    return new NodeRequestException(endpoint, status, code, message, null);
  }

  /** A publisher that reports how many bytes of {@code inner} were handed to the connection. */
  private static BodyPublisher counting(BodyPublisher inner, LongConsumer sent) {
    return new BodyPublisher() {
      @Override
      public long contentLength() {
        return inner.contentLength();
      }

      @Override
      public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        inner.subscribe(
            new Flow.Subscriber<ByteBuffer>() {
              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                s.onSubscribe(subscription);
              }

              @Override
              public void onNext(ByteBuffer item) {
                int n = item.remaining();
                s.onNext(item);
                sent.accept(n);
              }

              @Override
              public void onError(Throwable t) {
                s.onError(t);
              }

              @Override
              public void onComplete() {
                s.onComplete();
              }
            });
      }
    };
  }
}
