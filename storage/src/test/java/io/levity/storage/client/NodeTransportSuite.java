package io.levity.storage.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.Submission;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.layout.FileLayout;
import io.levity.storage.layout.SectorProofVerifier;
import io.levity.storage.node.NodeConfig;
import io.levity.storage.node.NodeProtocol;
import io.levity.storage.node.SectorAnswer;
import io.levity.storage.node.ShardUpload;
import io.levity.storage.node.UploadStart;
import io.levity.storage.proof.Challenge;
import io.levity.storage.proof.ProofVerifier;
import io.levity.storage.shard.ShardEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One storage node driven through a {@link StorageNodeTransport}: the node's rules (what it stores,
 * refuses, serves, proves) give the same answers over every transport. {@link NodeTransportTest}
 * runs it in process, {@link NodeTransportIT} over HTTP; HTTP framing itself is {@code
 * StorageNodeIT}'s.
 */
abstract class NodeTransportSuite extends NetworkFixture {
  String ep;
  StorageNodeTransport client;
  ShardEncoder.InMemory enc;
  Submission submission;
  final List<Path> shardFiles = new ArrayList<>();

  @BeforeEach
  void oneNodeAndAFile() throws Exception {
    ep = startNodes(1).getFirst();
    client = nodes.transport;
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

  StorageNodeTransport.PutResult put(int index, Path shard) throws Exception {
    return put(submission.fileRoot(), index, enc.file().shardRoots(), shard);
  }

  StorageNodeTransport.PutResult put(Bytes32 root, int index, List<Bytes32> roots, Path shard)
      throws Exception {
    return client.put(
        ep, new StorageNodeTransport.OutgoingShard(root, index, roots, shard), n -> {});
  }

  /** Restarts the node (same data directory) with {@code config}'s change. */
  void restart(UnaryOperator<NodeConfig> change) throws Exception {
    NodeConfig config = nodes.service(ep).config();
    nodes.stop(ep);
    ep = nodes.start(change.apply(config));
  }

  /** Asserts that {@code call} is refused with {@code status} and {@code code}. */
  static void assertRefused(ThrowingCallable call, int status, String code) {
    assertRefused(call, status, code, e -> {});
  }

  static void assertRefused(
      ThrowingCallable call, int status, String code, Consumer<NodeRequestException> more) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            NodeRequestException.class,
            e -> {
              assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
              assertThat(e.code()).isEqualTo(code);
              more.accept(e);
            });
  }

  List<Path> filesUnder(String sub) throws Exception {
    Path root = nodes.service(ep).config().dataDir().resolve(sub);
    if (!Files.exists(root)) return List.of();
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void storesServesListsAndProvesShards() throws Exception {
    assertThat(chain.nodes())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.nodeId()).isEqualTo(nodes.nodeId(ep));
              assertThat(r.endpoint()).isEqualTo(ep);
            });
    assertThat(put(4, shardFiles.get(4)).stored()).isTrue();
    assertThat(put(8, shardFiles.get(8)).stored()).isTrue();
    StorageNodeTransport.PutResult again = put(4, shardFiles.get(4));
    assertThat(again.stored()).isFalse();
    assertThat(again.reason()).isEqualTo("already held");

    Path out = dir.resolve("fetched");
    assertThat(client.fetch(ep, submission, 8, out).shardRoots())
        .isEqualTo(enc.file().shardRoots());
    assertThat(Files.readAllBytes(out)).isEqualTo(enc.shards()[8]);
    assertThat(client.list(ep, null))
        .extracting(StorageNodeTransport.HeldShard::index)
        .containsExactly(4, 8);
    assertThat(client.list(ep, Bytes32.ZERO)).isEmpty();
    assertThat(client.health(ep).shards()).isEqualTo(2);
    assertThat(client.health(ep).bytes()).isEqualTo(2L * 2 * SEG);
    assertThat(client.health(ep).nodeId()).isEqualTo(nodes.nodeId(ep));
    assertThat(client.health(ep).endpoint()).isEqualTo(ep);

    long sectors = FileLayout.sectorCount(2L * SEG);
    for (long sector : new long[] {0, 1, 1023, 1024, 1500, sectors - 1}) {
      SectorAnswer a = client.sector(ep, submission.fileRoot(), 4, sector);
      assertThat(a.shardRoot()).isEqualTo(enc.file().shardRoots().get(4));
      byte[] bytes = a.sector().toArray();
      assertThat(SectorProofVerifier.verify(a.shardRoot(), a.shardLength(), bytes, a.proof()))
          .as("sector %d", sector)
          .isTrue();
      bytes[0] ^= 1;
      assertThat(SectorProofVerifier.verify(a.shardRoot(), a.shardLength(), bytes, a.proof()))
          .isFalse();
    }
    assertRefused(
        () -> client.sector(ep, submission.fileRoot(), 4, sectors),
        400,
        NodeProtocol.BAD_REQUEST,
        e -> assertThat(e.getMessage()).contains("out of range"));
  }

  @Test
  void refusesShardsItCannotCheckAndStoresNothing() throws Exception {
    // No submission on chain for this root.
    assertRefused(
        () -> put(Bytes32.ZERO, 0, enc.file().shardRoots(), shardFiles.get(0)),
        404,
        NodeProtocol.UNKNOWN_FILE);
    // Roots that do not hash to the recorded commitment.
    List<Bytes32> wrongRoots = new ArrayList<>(enc.file().shardRoots());
    wrongRoots.set(7, Bytes32.ZERO);
    assertRefused(
        () -> put(submission.fileRoot(), 0, wrongRoots, shardFiles.get(0)),
        422,
        NodeProtocol.COMMITMENT_MISMATCH,
        e -> assertThat(e.getMessage()).contains("do not hash to the commitment"));
    // Right roots and size, wrong bytes: shard 1 sent as shard 0, and a shard with one flipped bit.
    assertRefused(
        () -> put(0, shardFiles.get(1)),
        422,
        NodeProtocol.ROOT_MISMATCH,
        e ->
            assertThat(e.getMessage())
                .contains("shard 0 hashes to")
                .contains("nothing was stored"));
    byte[] flipped = enc.shards()[2].clone();
    flipped[SEG + 5] ^= 0x40;
    Path bad = dir.resolve("flipped");
    Files.write(bad, flipped);
    assertRefused(() -> put(2, bad), 422, NodeProtocol.ROOT_MISMATCH);
    // Wrong size.
    Path shortShard = dir.resolve("short");
    Files.write(shortShard, Arrays.copyOf(enc.shards()[3], SEG));
    assertRefused(() -> put(3, shortShard), 400, NodeProtocol.SIZE_MISMATCH);
    // Index out of range.
    assertRefused(
        () -> put(9, shardFiles.get(0)),
        400,
        NodeProtocol.BAD_REQUEST,
        e -> assertThat(e.getMessage()).contains("out of range"));

    assertThat(client.list(ep, null)).isEmpty();
    assertThat(filesUnder("shards")).isEmpty();
    assertThat(filesUnder("tmp")).isEmpty();
    // The node still works after all that.
    assertThat(put(0, shardFiles.get(0)).stored()).isTrue();
  }

  @Test
  void refusesShardsOverItsSizeLimitWith413() throws Exception {
    restart(c -> c.withMaxShardBytes(SEG));
    assertRefused(
        () -> put(0, shardFiles.get(0)),
        413,
        NodeProtocol.TOO_LARGE,
        e -> assertThat(e.getMessage()).contains("at most " + SEG));
    assertThat(client.list(ep, null)).isEmpty();
  }

  @Test
  void aStaleCorruptionReportDoesNotDropAShardThatWasRepairedMeanwhile() throws Exception {
    assertThat(put(0, shardFiles.get(0)).stored()).isTrue();
    // A reader that opened an older, corrupt copy reports it after a repair replaced it with a good
    // one.
    nodes.service(ep).store().quarantine(submission.fileRoot(), 0, "checked an older copy");
    assertThat(client.list(ep, submission.fileRoot()))
        .extracting(StorageNodeTransport.HeldShard::index)
        .containsExactly(0);
    Path back = dir.resolve("back0");
    client.fetch(ep, submission, 0, back);
    assertThat(Files.readAllBytes(back)).isEqualTo(enc.shards()[0]);
  }

  @Test
  void aRestartedNodeServesEverythingItAcceptedUnderTheSameId() throws Exception {
    for (int i = 0; i < 9; i++) put(i, shardFiles.get(i));
    Bytes32 id = nodes.nodeId(ep);
    Path data = nodes.service(ep).config().dataDir();
    NodeConfig config = nodes.service(ep).config();
    nodes.stop(ep);
    // Debris of a crash: a half-received shard and a renamed shard that was never indexed.
    Files.write(data.resolve("tmp/crashed.part"), new byte[100]);
    Path orphan =
        data.resolve("shards").resolve(Bytes32.ZERO.toHex().substring(2)).resolve("0.shard");
    Files.createDirectories(orphan.getParent());
    Files.write(orphan, new byte[SEG]);
    ep = nodes.start(config);
    assertThat(nodes.nodeId(ep)).isEqualTo(id);
    assertThat(chain.nodes())
        .singleElement()
        .satisfies(r -> assertThat(r.endpoint()).isEqualTo(ep));
    for (int i = 0; i < 9; i++) {
      Path out = dir.resolve("again-" + i);
      client.fetch(ep, submission, i, out);
      assertThat(Files.readAllBytes(out)).isEqualTo(enc.shards()[i]);
    }
    assertThat(Files.exists(orphan)).isFalse();
    assertThat(filesUnder("tmp")).isEmpty();
  }

  @Test
  void aShardCorruptedOnDiskIsDetectedWhenServedAndCanBeStoredAgain() throws Exception {
    put(5, shardFiles.get(5));
    Path onDisk = nodes.shardFile(ep, submission.fileRoot(), 5);
    byte[] bytes = Files.readAllBytes(onDisk);
    bytes[SEG + 300] ^= 1; // second segment
    Files.write(onDisk, bytes);
    assertRefused(
        () -> client.sector(ep, submission.fileRoot(), 5, 1024 + 1), 410, NodeProtocol.CORRUPT);
    assertThat(client.list(ep, null)).isEmpty();
    assertThat(filesUnder("quarantine")).hasSize(1);
    assertThat(put(5, shardFiles.get(5)).stored()).isTrue();

    // Corruption found by a whole-shard read.
    Files.write(onDisk, new byte[2 * SEG]);
    assertRefused(
        () -> client.fetch(ep, submission, 5, dir.resolve("x")), 410, NodeProtocol.CORRUPT);
    assertThat(client.list(ep, null)).isEmpty();
  }

  @Test
  void aFullNodeRefusesTransfersUntilASlotFrees() throws Exception {
    restart(c -> c.withMaxTransfers(1));
    long body = NodeProtocol.prefixLength(9) + 2L * SEG;
    UploadStart holding = nodes.service(ep).beginUpload(submission.fileRoot(), 0, body);
    assertThat(holding).isInstanceOf(UploadStart.Receiving.class);
    assertRefused(() -> put(1, shardFiles.get(1)), 503, NodeProtocol.BUSY);
    // The held upload ends unfinished: nothing half-written remains and the slot is free again.
    try (ShardUpload upload = ((UploadStart.Receiving) holding).upload()) {
      assertThat(upload).isNotNull();
    }
    assertThat(put(1, shardFiles.get(1)).stored()).isTrue();
    assertThat(filesUnder("tmp")).isEmpty();
  }

  @Test
  void aClientOverItsRequestRateIsRefused() throws Exception {
    restart(c -> c.withMaxRequestsPerSecond(2));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      try {
        client.health(ep);
        statuses.add(200);
      } catch (NodeRequestException e) {
        statuses.add(e.status());
        assertThat(e.code()).isEqualTo(NodeProtocol.RATE_LIMITED);
      }
    }
    assertThat(statuses).contains(200, 429);
  }

  @Test
  void answersProofOfStorageChallengesForShardsItHoldsOnly() throws Exception {
    put(3, shardFiles.get(3));
    Bytes32 id = nodes.nodeId(ep);
    Bytes32 randomness = chain.epochRandomness(0).orElseThrow();
    Challenge good = Challenge.forShard(submission, 3, 0, randomness, id, 16);
    byte[] answer = client.challenge(ep, good.encode()).orElseThrow();
    assertThat(ProofVerifier.verify(submission, good, answer).passed()).isTrue();
    // The node holds no shard 4: empty, which the challenger records as no answer.
    assertThat(
            client.challenge(ep, Challenge.forShard(submission, 4, 0, randomness, id, 4).encode()))
        .isEmpty();
    for (Challenge bad :
        List.of(
            Challenge.forShard(submission, 3, 0, randomness, Bytes32.ZERO, 4),
            Challenge.forShard(submission, 3, 0, Bytes32.ZERO, id, 4))) {
      assertRefused(() -> client.challenge(ep, bad.encode()), 400, NodeProtocol.BAD_REQUEST);
    }
    assertRefused(
        () -> client.challenge(ep, new byte[] {1, 2, 3}),
        400,
        NodeProtocol.BAD_REQUEST,
        e -> assertThat(e.getMessage()).contains("malformed challenge"));
    assertRefused(
        () -> client.challenge(ep, new byte[Challenge.MAX_ENCODED_BYTES + 1]),
        413,
        NodeProtocol.TOO_LARGE);
    // A corrupt shard is never signed for.
    Files.write(nodes.shardFile(ep, submission.fileRoot(), 3), new byte[2 * SEG]);
    assertRefused(() -> client.challenge(ep, good.encode()), 410, NodeProtocol.CORRUPT);
  }
}
