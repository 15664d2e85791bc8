package io.levity.storage.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.ProofRecord;
import io.levity.storage.chain.Submission;
import io.levity.storage.node.StorageService;
import io.levity.storage.placement.Placement;
import io.levity.storage.proof.Challenge;
import io.levity.storage.proof.EpochChallenger;
import io.levity.storage.proof.EpochReport;
import io.levity.storage.proof.FailureReason;
import io.levity.storage.proof.ShardHolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Proofs of storage end to end: the epoch challenger and the auditor ask real nodes ({@code POST
 * /v1/challenge} over HTTP in {@link ProofOfStorageIT}, their services in process in {@link
 * ProofOfStorageTest}, in virtual time).
 */
abstract class ProofOfStorageSuite extends NetworkFixture {
  <T> T finish(CompletableFuture<T> work) throws Exception {
    nodes.awaitUntil(work::isDone);
    return work.join();
  }

  @Test
  void honestNodesPassAndNodesThatLostTheirShardFail() throws Exception {
    startNodes(9);
    UploadResult up = client(true).upload(file(5 * SEG + 99, 9), ProgressListener.NONE);
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
            nodes.answers(),
            new EpochChallenger.Config(Challenge.DEFAULT_SECTORS, Duration.ofSeconds(10), 9),
            nodes.scheduler);
    chain.advanceEpoch();
    EpochReport first = finish(challenger.start(1));
    assertThat(first.passed()).as(first.toString()).isEqualTo(9);

    // Shard 1's node loses it to bit rot, shard 6's node goes down.
    Path shard1 = nodes.shardFile(up.placed().get(1), up.fileRoot(), 1);
    Files.write(shard1, new byte[(int) Files.size(shard1)]);
    nodes.down(up.placed().get(6));
    chain.advanceEpoch();
    EpochReport second = finish(challenger.start(2));
    assertThat(second.passed()).isEqualTo(7);
    assertThat(second.failures()).isEqualTo(Map.of(FailureReason.NO_ANSWER, 2));
    assertThat(chain.proofResults(2))
        .filteredOn(r -> !r.passed())
        .extracting(ProofRecord::shardIndex)
        .containsExactlyInAnyOrder(1, 6);
  }

  @Test
  void theAuditorChallengesEachEpochWhereTheShardActuallyIs() throws Exception {
    startNodes(10); // one spare beyond the 9 shards
    Path file = file(2 * SEG + 7, 5);
    // The primary of some shard is down during the upload: that shard goes to the spare.
    Bytes32 root = rootOf(file);
    String downEndpoint = placement(root).primary(4).orElseThrow().endpoint();
    nodes.down(downEndpoint);
    assertThat(client(false).upload(file, ProgressListener.NONE).fileRoot()).isEqualTo(root);
    nodes.up(downEndpoint);
    List<EpochReport> reports = new CopyOnWriteArrayList<>();
    try (ProofAuditor auditor =
        ProofAuditor.start(
            chain,
            nodes.transport,
            nodes.answers(),
            nodes.scheduler,
            reports::add,
            Duration.ofMillis(50),
            EpochChallenger.Config.DEFAULT)) {
      chain.advanceEpoch();
      nodes.awaitUntil(() -> reports.stream().anyMatch(r -> r.challenged() > 0));
      assertThat(auditor).isNotNull();
    }
    EpochReport r = reports.stream().filter(x -> x.challenged() > 0).findFirst().orElseThrow();
    assertThat(r.passed()).as("%s", r).isEqualTo(9);
    assertThat(chain.proofResults(r.epoch())).hasSize(9).allMatch(ProofRecord::passed);
  }

  /** Waits in real time (sealing runs on the nodes' own threads) until every shard is sealed. */
  void awaitReplicas(UploadResult up) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (int i = 0; i < up.placed().size(); i++)
        all &= chain.replicaRoot(nodes.nodeId(up.placed().get(i)), up.fileRoot(), i).isPresent();
      if (all) return;
      Thread.sleep(20);
    }
    throw new AssertionError("the nodes did not seal and commit every shard within 120 s");
  }

  @Test
  void sealedChallengesPassFromReplicasAndALostOrCorruptReplicaFailsUntilResealed()
      throws Exception {
    startNodes(9, c -> c); // sealing on
    UploadResult up = client(true).upload(file(5 * SEG + 99, 9), ProgressListener.NONE);
    awaitReplicas(up);
    ShardHolders holders =
        (root, shard) ->
            chain.nodes().stream()
                .filter(n -> n.endpoint().equals(up.placed().get(shard)))
                .findFirst();
    EpochChallenger challenger =
        new EpochChallenger(
            chain, holders, nodes.answers(), EpochChallenger.Config.SEALED, nodes.scheduler);
    chain.advanceEpoch();
    EpochReport first = finish(challenger.start(1));
    assertThat(first.passed()).as(first.toString()).isEqualTo(9);

    // Shard 2's node loses its replica; shard 3's replica rots on disk (the node drops and reseals
    // it).
    StorageService lost = nodes.service(up.placed().get(2));
    lost.replicas().delete(up.fileRoot(), 2);
    StorageService rotten = nodes.service(up.placed().get(3));
    Path replica3 =
        rotten
            .config()
            .dataDir()
            .resolve("replicas")
            .resolve(up.fileRoot().toHex().substring(2))
            .resolve("3.replica");
    Files.write(replica3, new byte[(int) Files.size(replica3)]);
    chain.advanceEpoch();
    EpochReport second = finish(challenger.start(2));
    assertThat(second.passed()).as(second.toString()).isEqualTo(7);
    assertThat(second.failures()).isEqualTo(Map.of(FailureReason.NO_ANSWER, 2));

    long deadline = System.nanoTime() + 60_000_000_000L;
    while (rotten.replicas().get(up.fileRoot(), 3).isEmpty() && System.nanoTime() < deadline)
      Thread.sleep(20);
    chain.advanceEpoch();
    EpochReport third = finish(challenger.start(3));
    assertThat(third.passed()).as("the rotten replica was sealed again: " + third).isEqualTo(8);
  }
}
