package io.levity.storage.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.InMemoryStorageChain;
import io.levity.storage.chain.Submission;
import io.levity.storage.client.HttpNodeClient;
import io.levity.storage.client.NodeRequestException;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.layout.FileLayout;
import io.levity.storage.layout.SectorProofVerifier;
import io.levity.storage.proof.Challenge;
import io.levity.storage.proof.ProofVerifier;
import io.levity.storage.shard.ShardEncoder;
import io.levity.storage.shard.ShardLayout;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/** One storage node on a real loopback socket, driven through its HTTP protocol. */
class StorageNodeIT {
  static final int SEG = ShardLayout.SEGMENT_SIZE;
  @TempDir Path dir;
  final InMemoryStorageChain chain = new InMemoryStorageChain();
  final HttpNodeClient client = new HttpNodeClient();
  StorageNode node;
  ShardEncoder.InMemory enc;
  Submission submission;
  List<Path> shardFiles = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    node = start(NodeConfig.defaults(dir.resolve("node"), 0));
    byte[] data = new byte[7 * SEG + 1000]; // 8 segments: two groups of a 6+3 code
    new Random(1).nextBytes(data);
    enc = new ShardEncoder(ReedSolomon.defaultCode()).encode(data);
    submission = chain.submit(enc.file().submission(Bytes32.ZERO));
    for (int i = 0; i < 9; i++) {
      Path p = dir.resolve("shard-" + i);
      Files.write(p, enc.shards()[i]);
      shardFiles.add(p);
    }
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

  HttpNodeClient.PutResult put(int index, Path shard) throws Exception {
    return client.put(ep(), submission.fileRoot(), index, enc.file().shardRoots(), shard, n -> {});
  }

  @Test
  void storesServesListsAndProvesShards() throws Exception {
    assertThat(chain.nodes())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.nodeId()).isEqualTo(node.nodeId());
              assertThat(r.endpoint()).isEqualTo("127.0.0.1:" + node.port());
            });
    assertThat(put(4, shardFiles.get(4)).stored()).isTrue();
    assertThat(put(8, shardFiles.get(8)).stored()).isTrue();
    HttpNodeClient.PutResult again = put(4, shardFiles.get(4));
    assertThat(again.stored()).isFalse();
    assertThat(again.reason()).isEqualTo("already held");

    Path out = dir.resolve("fetched");
    assertThat(client.fetch(ep(), submission, 8, out).shardRoots())
        .isEqualTo(enc.file().shardRoots());
    assertThat(Files.readAllBytes(out)).isEqualTo(enc.shards()[8]);
    assertThat(client.list(ep(), null))
        .extracting(HttpNodeClient.HeldShard::index)
        .containsExactly(4, 8);
    assertThat(client.list(ep(), Bytes32.ZERO)).isEmpty();
    assertThat(client.health(ep()).path("shards").asInt()).isEqualTo(2);
    assertThat(client.health(ep()).path("bytes").asLong()).isEqualTo(2L * 2 * SEG);

    long sectors = FileLayout.sectorCount(2L * SEG);
    for (long sector : new long[] {0, 1, 1023, 1024, 1500, sectors - 1}) {
      HttpNodeClient.SectorAnswer a = client.sector(ep(), submission.fileRoot(), 4, sector);
      assertThat(a.shardRoot()).isEqualTo(enc.file().shardRoots().get(4));
      assertThat(SectorProofVerifier.verify(a.shardRoot(), a.shardLength(), a.sector(), a.proof()))
          .as("sector %d", sector)
          .isTrue();
      byte[] tampered = a.sector().clone();
      tampered[0] ^= 1;
      assertThat(SectorProofVerifier.verify(a.shardRoot(), a.shardLength(), tampered, a.proof()))
          .isFalse();
    }
    assertThatThrownBy(() -> client.sector(ep(), submission.fileRoot(), 4, sectors))
        .isInstanceOf(NodeRequestException.class)
        .hasMessageContaining("out of range");
  }

  @Test
  void refusesShardsItCannotCheckAndStoresNothing() throws Exception {
    // No submission on chain for this root.
    assertThatThrownBy(
            () ->
                client.put(
                    ep(), Bytes32.ZERO, 0, enc.file().shardRoots(), shardFiles.get(0), n -> {}))
        .isInstanceOfSatisfying(
            NodeRequestException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.code()).isEqualTo(NodeProtocol.UNKNOWN_FILE);
            });
    // Roots that do not hash to the recorded commitment.
    List<Bytes32> wrongRoots = new ArrayList<>(enc.file().shardRoots());
    wrongRoots.set(7, Bytes32.ZERO);
    assertThatThrownBy(
            () ->
                client.put(ep(), submission.fileRoot(), 0, wrongRoots, shardFiles.get(0), n -> {}))
        .isInstanceOfSatisfying(
            NodeRequestException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.code()).isEqualTo(NodeProtocol.COMMITMENT_MISMATCH);
              assertThat(e.getMessage()).contains("do not hash to the commitment");
            });
    // Right roots and size, wrong bytes: shard 1 sent as shard 0, and a shard with one flipped bit.
    assertThatThrownBy(() -> put(0, shardFiles.get(1)))
        .isInstanceOfSatisfying(
            NodeRequestException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.code()).isEqualTo(NodeProtocol.ROOT_MISMATCH);
              assertThat(e.getMessage())
                  .contains("shard 0 hashes to")
                  .contains("nothing was stored");
            });
    byte[] flipped = enc.shards()[2].clone();
    flipped[SEG + 5] ^= 0x40;
    Path bad = dir.resolve("flipped");
    Files.write(bad, flipped);
    assertThatThrownBy(() -> put(2, bad))
        .isInstanceOfSatisfying(
            NodeRequestException.class,
            e -> assertThat(e.code()).isEqualTo(NodeProtocol.ROOT_MISMATCH));
    // Wrong size.
    Path shortShard = dir.resolve("short");
    Files.write(shortShard, java.util.Arrays.copyOf(enc.shards()[3], SEG));
    assertThatThrownBy(() -> put(3, shortShard))
        .isInstanceOfSatisfying(
            NodeRequestException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo(NodeProtocol.SIZE_MISMATCH);
            });
    // Index out of range.
    assertThatThrownBy(() -> put(9, shardFiles.get(0)))
        .isInstanceOfSatisfying(
            NodeRequestException.class, e -> assertThat(e.getMessage()).contains("out of range"));

    assertThat(client.list(ep(), null)).isEmpty();
    assertThat(filesUnder(dir.resolve("node/shards"))).isEmpty();
    assertThat(filesUnder(dir.resolve("node/tmp"))).isEmpty();
    // The node still works after all that.
    assertThat(put(0, shardFiles.get(0)).stored()).isTrue();
  }

  @Test
  void refusesShardsOverItsSizeLimitWith413() throws Exception {
    node.close();
    node = start(NodeConfig.defaults(dir.resolve("small"), 0).withMaxShardBytes(SEG));
    assertThatThrownBy(() -> put(0, shardFiles.get(0)))
        .isInstanceOfSatisfying(
            NodeRequestException.class,
            e -> {
              assertThat(e.status()).isEqualTo(413);
              assertThat(e.code()).isEqualTo(NodeProtocol.TOO_LARGE);
              assertThat(e.getMessage()).contains("at most " + SEG);
            });
    assertThat(client.list(ep(), null)).isEmpty();
  }

  @Test
  void aStaleCorruptionReportDoesNotDropAShardThatWasRepairedMeanwhile() throws Exception {
    assertThat(put(0, shardFiles.get(0)).stored()).isTrue();
    // A reader that opened an older, corrupt copy reports it after a repair replaced it with a good
    // one.
    node.store().quarantine(submission.fileRoot(), 0, "checked an older copy");
    assertThat(client.list(ep(), submission.fileRoot()))
        .extracting(HttpNodeClient.HeldShard::index)
        .containsExactly(0);
    Path back = dir.resolve("back0");
    client.fetch(ep(), submission, 0, back);
    assertThat(Files.readAllBytes(back)).isEqualTo(enc.shards()[0]);
  }

  @Test
  void aClientOverItsRequestRateGets429() throws Exception {
    node.close();
    node = start(NodeConfig.defaults(dir.resolve("slow"), 0).withMaxRequestsPerSecond(2));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<Integer> codes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      codes.add(
          http.send(
                  HttpRequest.newBuilder(URI.create("http://" + ep() + NodeProtocol.HEALTH))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode());
    }
    assertThat(codes).contains(200, 429);
    HttpResponse<String> limited =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + ep() + NodeProtocol.HEALTH)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).contains("1");
    assertThat(limited.body()).contains("\"error\":\"rate_limited\"");
  }

  @Test
  void answersMalformedRequestsWithClearErrors() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String base = "http://" + ep();
    HttpResponse<String> badRoot =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/shards/0x1234/0")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(badRoot.statusCode()).isEqualTo(400);
    assertThat(badRoot.body())
        .contains("\"error\":\"bad_request\"")
        .contains("not a 32-byte hex file root");
    HttpResponse<String> badIndex =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/shards/" + submission.fileRoot() + "/-1"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(badIndex.statusCode()).isEqualTo(400);
    HttpResponse<String> missing =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/shards/" + submission.fileRoot() + "/3"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("does not hold shard 3");
    HttpResponse<String> noRoute =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v2/x")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(noRoute.statusCode()).isEqualTo(404);
    HttpResponse<String> wrongMethod =
        http.send(
            HttpRequest.newBuilder(URI.create(base + NodeProtocol.HEALTH)).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    // A chunked upload (no Content-Length) is refused before any byte is read.
    HttpResponse<String> chunked =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(base + NodeProtocol.shardPath(submission.fileRoot(), 0)))
                .PUT(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(new byte[10])))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(411);
    // Garbage on the wire.
    try (Socket s = new Socket("127.0.0.1", node.port())) {
      s.getOutputStream().write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 400");
    }
    assertThat(client.health(ep()).path("status").asText()).isEqualTo("ok");
  }

  @Test
  void aRestartedNodeServesEverythingItAcceptedUnderTheSameId() throws Exception {
    for (int i = 0; i < 9; i++) put(i, shardFiles.get(i));
    Bytes32 id = node.nodeId();
    node.close();
    // Debris of a crash: a half-received shard and a renamed shard that was never indexed.
    Files.write(dir.resolve("node/tmp/crashed.part"), new byte[100]);
    Path orphan =
        dir.resolve("node/shards").resolve(Bytes32.ZERO.toHex().substring(2)).resolve("0.shard");
    Files.createDirectories(orphan.getParent());
    Files.write(orphan, new byte[SEG]);
    node = start(NodeConfig.defaults(dir.resolve("node"), 0));
    assertThat(node.nodeId()).isEqualTo(id);
    assertThat(chain.nodes())
        .singleElement()
        .satisfies(r -> assertThat(r.endpoint()).isEqualTo(node.endpoint()));
    for (int i = 0; i < 9; i++) {
      Path out = dir.resolve("again-" + i);
      client.fetch(ep(), submission, i, out);
      assertThat(Files.readAllBytes(out)).isEqualTo(enc.shards()[i]);
    }
    assertThat(Files.exists(orphan)).isFalse();
    assertThat(filesUnder(dir.resolve("node/tmp"))).isEmpty();
  }

  @Test
  void aShardCorruptedOnDiskIsDetectedWhenServedAndCanBeStoredAgain() throws Exception {
    put(5, shardFiles.get(5));
    Path onDisk = node.store().path(submission.fileRoot(), 5);
    byte[] bytes = Files.readAllBytes(onDisk);
    bytes[SEG + 300] ^= 1; // second segment
    Files.write(onDisk, bytes);
    assertThatThrownBy(() -> client.sector(ep(), submission.fileRoot(), 5, 1024 + 1))
        .isInstanceOfSatisfying(
            NodeRequestException.class,
            e -> {
              assertThat(e.status()).isEqualTo(410);
              assertThat(e.code()).isEqualTo(NodeProtocol.CORRUPT);
            });
    assertThat(client.list(ep(), null)).isEmpty();
    assertThat(filesUnder(dir.resolve("node/quarantine"))).hasSize(1);
    assertThat(put(5, shardFiles.get(5)).stored()).isTrue();

    // Corruption found by a whole-shard read.
    Files.write(onDisk, new byte[2 * SEG]);
    assertThatThrownBy(() -> client.fetch(ep(), submission, 5, dir.resolve("x")))
        .isInstanceOfSatisfying(
            NodeRequestException.class, e -> assertThat(e.status()).isEqualTo(410));
    assertThat(client.list(ep(), null)).isEmpty();
  }

  @Test
  void aFullNodeAnswers503UntilATransferEnds() throws Exception {
    node.close();
    node = start(NodeConfig.defaults(dir.resolve("busy"), 0).withMaxTransfers(1));
    try (Socket s = new Socket("127.0.0.1", node.port())) {
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
      assertThatThrownBy(() -> put(1, shardFiles.get(1)))
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
        assertThat(put(1, shardFiles.get(1)).stored()).isTrue();
        break;
      } catch (NodeRequestException e) {
        if (e.status() != 503 || System.nanoTime() > deadline) throw e;
        Thread.sleep(20);
      }
    }
    assertThat(filesUnder(dir.resolve("busy/tmp"))).isEmpty();
  }

  @Test
  void answersProofOfStorageChallengesForShardsItHoldsOnly() throws Exception {
    put(3, shardFiles.get(3));
    Bytes32 randomness = chain.epochRandomness(0).orElseThrow();
    Challenge good = Challenge.forShard(submission, 3, 0, randomness, node.nodeId(), 16);
    byte[] answer = client.challenge(ep(), good.encode()).orElseThrow();
    assertThat(ProofVerifier.verify(submission, good, answer).passed()).isTrue();
    // The node holds no shard 4: empty, which the challenger records as no answer.
    assertThat(
            client.challenge(
                ep(), Challenge.forShard(submission, 4, 0, randomness, node.nodeId(), 4).encode()))
        .isEmpty();
    for (Challenge bad :
        List.of(
            Challenge.forShard(submission, 3, 0, randomness, Bytes32.ZERO, 4),
            Challenge.forShard(submission, 3, 0, Bytes32.ZERO, node.nodeId(), 4))) {
      assertThatThrownBy(() -> client.challenge(ep(), bad.encode()))
          .isInstanceOfSatisfying(
              NodeRequestException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
    assertThatThrownBy(() -> client.challenge(ep(), new byte[] {1, 2, 3}))
        .isInstanceOfSatisfying(
            NodeRequestException.class,
            e -> assertThat(e.getMessage()).contains("malformed challenge"));
    assertThatThrownBy(() -> client.challenge(ep(), new byte[Challenge.MAX_ENCODED_BYTES + 1]))
        .isInstanceOfSatisfying(
            NodeRequestException.class, e -> assertThat(e.status()).isEqualTo(413));
    // A corrupt shard is never signed for.
    Path onDisk = node.store().path(submission.fileRoot(), 3);
    Files.write(onDisk, new byte[2 * SEG]);
    assertThatThrownBy(() -> client.challenge(ep(), good.encode()))
        .isInstanceOfSatisfying(
            NodeRequestException.class, e -> assertThat(e.status()).isEqualTo(410));
  }

  static List<Path> filesUnder(Path root) throws Exception {
    if (!Files.exists(root)) return List.of();
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}
