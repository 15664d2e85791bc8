package io.levity.storage.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.InMemoryStorageChain;
import io.levity.storage.chain.ProofRecord;
import io.levity.storage.chain.Submission;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.node.NodeConfig;
import io.levity.storage.node.StorageNode;
import io.levity.storage.placement.Placement;
import io.levity.storage.proof.Challenge;
import io.levity.storage.proof.EpochChallenger;
import io.levity.storage.proof.EpochReport;
import io.levity.storage.proof.FailureReason;
import io.levity.storage.proof.ShardHolders;
import io.levity.storage.shard.ShardLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proofs of storage end to end: the epoch challenger asks real nodes over HTTP (POST
 * /v1/challenge).
 */
class ProofOfStorageIT {
  @TempDir Path dir;
  final InMemoryStorageChain chain = new InMemoryStorageChain(Bytes32.ZERO);
  final List<StorageNode> nodes = new ArrayList<>();

  @AfterEach
  void tearDown() {
    for (StorageNode n : nodes) n.close();
  }

  @Test
  void honestNodesPassAndNodesThatLostTheirShardFail() throws Exception {
    for (int i = 0; i < 9; i++) {
      StorageNode n = StorageNode.open(NodeConfig.defaults(dir.resolve("node" + i), 0), chain);
      n.start();
      nodes.add(n);
    }
    byte[] data = new byte[5 * ShardLayout.SEGMENT_SIZE + 99];
    new Random(9).nextBytes(data);
    Path file = dir.resolve("f");
    Files.write(file, data);
    HttpNodeClient http = new HttpNodeClient();
    UploadResult up;
    try (StorageClient client =
        new StorageClient(
            chain,
            http,
            ReedSolomon.defaultCode(),
            StorageClient.Config.defaults().withWorkDir(dir.resolve("work")))) {
      up = client.upload(file, ProgressListener.NONE);
    }
    ShardHolders holders =
        (root, shard) -> {
          Submission s = chain.submission(root).orElseThrow();
          return Placement.of(root, s.dataShards() + s.parityShards(), chain.nodes())
              .primary(shard);
        };
    EpochChallenger challenger =
        new EpochChallenger(
            chain,
            holders,
            new HttpAnswerTransport(http),
            new EpochChallenger.Config(Challenge.DEFAULT_SECTORS, Duration.ofSeconds(10), 9));
    chain.advanceEpoch();
    EpochReport first = challenger.challenge(1);
    assertThat(first.passed()).as(first.toString()).isEqualTo(9);

    // Shard 1's node loses it to bit rot, shard 6's node goes down.
    StorageNode rotten = node(up.placed().get(1));
    Path shard1 =
        rotten
            .config()
            .dataDir()
            .resolve("shards")
            .resolve(up.fileRoot().toHex().substring(2))
            .resolve("1.shard");
    Files.write(shard1, new byte[(int) Files.size(shard1)]);
    node(up.placed().get(6)).suspend();
    chain.advanceEpoch();
    EpochReport second = challenger.challenge(2);
    assertThat(second.passed()).isEqualTo(7);
    assertThat(second.failures()).isEqualTo(Map.of(FailureReason.NO_ANSWER, 2));
    assertThat(chain.proofResults(2))
        .filteredOn(r -> !r.passed())
        .extracting(ProofRecord::shardIndex)
        .containsExactlyInAnyOrder(1, 6);
  }

  @Test
  void theAuditorChallengesEachEpochWhereTheShardActuallyIs() throws Exception {
    for (int i = 0; i < 10; i++) { // one spare beyond the 9 shards
      StorageNode n = StorageNode.open(NodeConfig.defaults(dir.resolve("node" + i), 0), chain);
      n.start();
      nodes.add(n);
    }
    byte[] data = new byte[2 * ShardLayout.SEGMENT_SIZE + 7];
    new Random(5).nextBytes(data);
    Path file = dir.resolve("g");
    Files.write(file, data);
    // The primary of some shard is down during the upload: that shard goes to the spare.
    Bytes32 root = io.levity.storage.layout.MerkleFile.root(data);
    String downEndpoint = Placement.of(root, 9, chain.nodes()).primary(4).orElseThrow().endpoint();
    node(downEndpoint).suspend();
    HttpNodeClient http = new HttpNodeClient();
    try (StorageClient client =
        new StorageClient(
            chain,
            http,
            ReedSolomon.defaultCode(),
            StorageClient.Config.defaults().withWorkDir(dir.resolve("work")))) {
      assertThat(client.upload(file, ProgressListener.NONE).fileRoot()).isEqualTo(root);
    }
    node(downEndpoint).resume();
    java.util.concurrent.LinkedBlockingQueue<EpochReport> reports =
        new java.util.concurrent.LinkedBlockingQueue<>();
    try (ProofAuditor auditor = ProofAuditor.start(chain, reports::add, Duration.ofMillis(50))) {
      chain.advanceEpoch();
      EpochReport r = reports.poll(30, java.util.concurrent.TimeUnit.SECONDS);
      while (r != null && r.challenged() == 0)
        r = reports.poll(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(r).as("a report for the epoch").isNotNull();
      assertThat(r.passed()).as("%s", r).isEqualTo(9);
      assertThat(chain.proofResults(r.epoch())).hasSize(9).allMatch(ProofRecord::passed);
    }
  }

  private StorageNode node(String endpoint) {
    return nodes.stream().filter(n -> n.endpoint().equals(endpoint)).findFirst().orElseThrow();
  }
}
