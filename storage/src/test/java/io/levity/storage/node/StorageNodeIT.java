package io.levity.storage.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.InMemoryStorageChain;
import io.levity.storage.chain.Submission;
import io.levity.storage.client.HttpNodeClient;
import io.levity.storage.client.NodeRequestException;
import io.levity.storage.client.StorageNodeTransport;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.shard.ShardEncoder;
import io.levity.storage.shard.ShardLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One storage node on a real loopback socket, driven through its HTTP framing: headers, malformed
 * requests, bodies refused before they are read. What the node stores, refuses and proves over any
 * transport is {@code NodeTransportSuite}'s.
 */
class StorageNodeIT {
  static final int SEG = ShardLayout.SEGMENT_SIZE;
  @TempDir Path dir;
  final InMemoryStorageChain chain = new InMemoryStorageChain();
  final HttpNodeClient client = new HttpNodeClient();
  StorageNode node;
  ShardEncoder.InMemory enc;
  Submission submission;
  Path shard1;

  @BeforeEach
  void setUp() throws Exception {
    node = start(NodeConfig.defaults(dir.resolve("node"), 0));
    byte[] data =
        new byte[7 * SEG + 1000]; // two segment groups of a 6+3 code: shards of 2 segments
    new Random(1).nextBytes(data);
    enc = new ShardEncoder(ReedSolomon.defaultCode()).encode(data);
    submission = chain.submit(enc.file().submission(Bytes32.ZERO));
    shard1 = Files.write(dir.resolve("shard-1"), enc.shards()[1]);
  }

  @AfterEach
  void tearDown() {
    if (node != null) node.close();
  }

  StorageNode start(NodeConfig config) throws Exception {
    StorageNode n = StorageNode.open(config, chain);
    n.start();
    return n;
  }

  String ep() {
    return node.endpoint();
  }

  StorageNodeTransport.PutResult put(int index, Path shard) throws Exception {
    return client.put(
        ep(),
        new StorageNodeTransport.OutgoingShard(
            submission.fileRoot(), index, enc.file().shardRoots(), shard),
        n -> {});
  }

  /** Whether the server closed {@code s} (end of stream) within its read timeout. */
  private static boolean closedByServer(Socket s) {
    try {
      return s.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  @Test
  void oneClientCannotHoldEveryConnection() throws Exception {
    node.close();
    node = start(NodeConfig.defaults(dir.resolve("capped"), 0).withMaxConnectionsPerAddress(4));
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++)
        held.add(new Socket(InetAddress.getLoopbackAddress(), node.port()));
      // Which of the five is refused depends on which event loop runs first: exactly one.
      int closed = 0;
      Socket refused = null;
      for (Socket s : held) {
        s.setSoTimeout(1_500);
        if (closedByServer(s)) {
          closed++;
          refused = s;
        }
      }
      assertThat(closed).as("connections from one address over the cap of 4").isEqualTo(1);
      // A freed slot is given back: close one that was kept, and a new client gets through.
      for (Socket s : held) {
        if (s != refused) {
          s.close();
          break;
        }
      }
      Thread.sleep(200);
      assertThat(client.health(ep()).status()).isEqualTo("ok");
    } finally {
      for (Socket s : held) s.close();
    }
  }

  @Test
  void aRequestHeadSentByteByByteIsCutOffAtTheHeaderTimeout() throws Exception {
    node.close();
    node = start(NodeConfig.defaults(dir.resolve("slowloris"), 0).withHeaderTimeoutSeconds(1));
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      out.write("GET /v1/health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      assertThat(closedByServer(s)).as("a head never finished").isTrue();
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(500L, 4_000L);
    }
    // An idle keep-alive connection is not cut by it, and whole requests are served.
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
      s.setSoTimeout(1_500);
      assertThat(closedByServer(s)).as("idle, no bytes sent").isFalse();
    }
    assertThat(client.health(ep()).status()).isEqualTo("ok");
  }

  @Test
  void aClientOverItsRequestRateGets429() throws Exception {
    node.close();
    node = start(NodeConfig.defaults(dir.resolve("slow"), 0).withMaxRequestsPerSecond(2));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<Integer> codes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      codes.add(get(http, "http://" + ep() + NodeProtocol.HEALTH).statusCode());
    }
    assertThat(codes).contains(200, 429);
    HttpResponse<String> limited = get(http, "http://" + ep() + NodeProtocol.HEALTH);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).contains("1");
    assertThat(limited.body()).contains("\"error\":\"rate_limited\"");
  }

  @Test
  void answersMalformedRequestsWithClearErrors() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String base = "http://" + ep();
    HttpResponse<String> badRoot = get(http, base + "/v1/shards/0x1234/0");
    assertThat(badRoot.statusCode()).isEqualTo(400);
    assertThat(badRoot.body())
        .contains("\"error\":\"bad_request\"")
        .contains("not a 32-byte hex file root");
    HttpResponse<String> badIndex = get(http, base + "/v1/shards/" + submission.fileRoot() + "/-1");
    assertThat(badIndex.statusCode()).isEqualTo(400);
    HttpResponse<String> missing = get(http, base + "/v1/shards/" + submission.fileRoot() + "/3");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("does not hold shard 3");
    HttpResponse<String> noRoute = get(http, base + "/v2/x");
    assertThat(noRoute.statusCode()).isEqualTo(404);
    HttpResponse<String> wrongMethod =
        http.send(
            HttpRequest.newBuilder(URI.create(base + NodeProtocol.HEALTH)).DELETE().build(),
            BodyHandlers.ofString());
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    // A chunked upload (no Content-Length) is refused before any byte is read.
    HttpResponse<String> chunked =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(base + NodeProtocol.shardPath(submission.fileRoot(), 0)))
                .PUT(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(new byte[10])))
                .build(),
            BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(411);
    // Garbage on the wire.
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
      s.getOutputStream().write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 400");
    }
    assertThat(client.health(ep()).status()).isEqualTo("ok");
  }

  @Test
  void aFullNodeAnswers503UntilATransferEnds() throws Exception {
    node.close();
    node = start(NodeConfig.defaults(dir.resolve("busy"), 0).withMaxTransfers(1));
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
      OutputStream o = s.getOutputStream();
      long length = NodeProtocol.prefixLength(9) + 2L * SEG;
      o.write(
          ("PUT "
                  + NodeProtocol.shardPath(submission.fileRoot(), 0)
                  + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
                  + length
                  + "\r\nExpect: 100-continue\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      o.flush();
      InputStream in = s.getInputStream();
      byte[] head = new byte[25];
      assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(25);
      assertThat(new String(head, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 100 Continue");
      // The upload holds the only transfer slot.
      assertThatThrownBy(() -> put(1, shard1))
          .isInstanceOfSatisfying(
              NodeRequestException.class,
              e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.code()).isEqualTo(NodeProtocol.BUSY);
              });
    }
    // The connection closed mid-upload: the slot is free again and nothing half-written remains.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      try {
        assertThat(put(1, shard1).stored()).isTrue();
        break;
      } catch (NodeRequestException e) {
        if (e.status() != 503 || System.nanoTime() > deadline) throw e;
        Thread.sleep(20);
      }
    }
    assertThat(filesUnder(dir.resolve("busy/tmp"))).isEmpty();
  }

  static HttpResponse<String> get(HttpClient http, String uri) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), BodyHandlers.ofString());
  }

  static List<Path> filesUnder(Path root) throws Exception {
    if (!Files.exists(root)) return List.of();
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}
