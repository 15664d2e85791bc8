package io.levity.storage.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.storage.layout.SectorProof;
import io.levity.storage.node.NodeHealth;
import io.levity.storage.node.NodeProtocol;
import io.levity.storage.node.SectorAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The HTTP {@link StorageNodeTransport}: a client of one or many storage nodes over the JDK {@link
 * HttpClient}, HTTP/1.1 (protocol: {@link NodeProtocol}). Thread-safe; one instance shares its
 * connections between calls.
 */
public final class HttpNodeClient implements StorageNodeTransport {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Timeouts of the HTTP client.
   *
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

  @Override
  public NodeHealth health(String endpoint) throws NodeRequestException {
    JsonNode b = getJson(endpoint, NodeProtocol.HEALTH);
    return malformedAs(
        endpoint,
        "health report",
        () ->
            new NodeHealth(
                b.path("status").asText(),
                Bytes32.fromHex32(b.path("nodeId").asText()),
                b.path("endpoint").asText(),
                b.path("shards").asInt(),
                b.path("bytes").asLong(),
                b.path("maxShardBytes").asLong()));
  }

  @Override
  public PutResult put(String endpoint, OutgoingShard shard, LongConsumer sent) throws IOException {
    BodyPublisher body =
        BodyPublishers.concat(
            BodyPublishers.ofByteArray(NodeProtocol.prefix(shard.roots())),
            HttpBodies.counting(BodyPublishers.ofFile(shard.file()), sent));
    HttpRequest req =
        HttpRequest.newBuilder(
                uri(endpoint, NodeProtocol.shardPath(shard.fileRoot(), shard.index())))
            .timeout(config.requestTimeout())
            .expectContinue(true)
            .header("Content-Type", NodeProtocol.OCTET_STREAM)
            .PUT(body)
            .build();
    JsonNode answer = json(endpoint, send(endpoint, req, HttpBodies.bounded()));
    return new PutResult(answer.path("stored").asBoolean(), answer.path("reason").asText(""));
  }

  @Override
  public InputStream openShard(String endpoint, Bytes32 fileRoot, int index) throws IOException {
    HttpResponse<InputStream> resp =
        send(
            endpoint,
            get(endpoint, NodeProtocol.shardPath(fileRoot, index)),
            HttpResponse.BodyHandlers.ofInputStream());
    InputStream in = resp.body();
    if (resp.statusCode() != 200) {
      try (in) {
        throw error(endpoint, resp.statusCode(), in.readNBytes(HttpBodies.MAX_REPLY_BYTES));
      }
    }
    return in;
  }

  @Override
  public List<HeldShard> list(String endpoint, Bytes32 fileRoot) throws NodeRequestException {
    JsonNode body =
        getJson(
            endpoint, NodeProtocol.SHARDS + (fileRoot == null ? "" : "?file=" + fileRoot.toHex()));
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

  @Override
  public SectorAnswer sector(String endpoint, Bytes32 fileRoot, int index, long sector)
      throws NodeRequestException {
    JsonNode b = getJson(endpoint, NodeProtocol.sectorPath(fileRoot, index, sector));
    return malformedAs(
        endpoint,
        "sector answer",
        () ->
            new SectorAnswer(
                Bytes32.fromHex32(b.path("fileRoot").asText()),
                b.path("shardIndex").asInt(),
                Bytes32.fromHex32(b.path("shardRoot").asText()),
                b.path("shardLength").asLong(),
                Bytes.fromHex(b.path("sector").asText()),
                new SectorProof(
                    b.path("sectorIndex").asLong(),
                    hashes(b.path("segmentPath")),
                    hashes(b.path("filePath")))));
  }

  private static List<Bytes32> hashes(JsonNode array) {
    List<Bytes32> out = new ArrayList<>();
    array.forEach(h -> out.add(Bytes32.fromHex32(h.asText())));
    return out;
  }

  /** Parses an answer, turning a malformed one into a refusal with code "malformed". */
  private static <T> T malformedAs(String endpoint, String what, Supplier<T> parse)
      throws NodeRequestException {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new NodeRequestException(
          endpoint, 200, "malformed", "malformed " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<byte[]> challenge(String endpoint, byte[] encodedChallenge)
      throws NodeRequestException {
    HttpRequest req =
        HttpRequest.newBuilder(uri(endpoint, NodeProtocol.CHALLENGE))
            .timeout(config.requestTimeout())
            .header("Content-Type", NodeProtocol.OCTET_STREAM)
            .POST(BodyPublishers.ofByteArray(encodedChallenge))
            .build();
    HttpResponse<byte[]> resp = send(endpoint, req, HttpBodies.bounded());
    if (resp.statusCode() == 404) return Optional.empty();
    if (resp.statusCode() != 200) throw error(endpoint, resp.statusCode(), resp.body());
    return Optional.of(resp.body());
  }

  private JsonNode getJson(String endpoint, String path) throws NodeRequestException {
    return json(endpoint, send(endpoint, get(endpoint, path), HttpBodies.bounded()));
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
      throw NodeRequestException.unreachable(endpoint, "cannot reach the node: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw NodeRequestException.unreachable(endpoint, "interrupted", e);
    }
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
    String message = new String(body, StandardCharsets.UTF_8);
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
}
