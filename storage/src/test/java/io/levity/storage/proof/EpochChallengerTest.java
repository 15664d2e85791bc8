package io.levity.storage.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.InMemoryStorageChain;
import io.levity.storage.chain.ProofRecord;
import io.levity.storage.chain.ReplicaRecord;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.layout.MerkleFile;
import io.levity.storage.seal.Seal;
import io.levity.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The epoch challenger in virtual time: answers, errors and timeouts, deterministically. */
class EpochChallengerTest {
  private final InMemoryStorageChain chain = new InMemoryStorageChain();
  private final ManualScheduler scheduler = new ManualScheduler();

  private void startEpoch(long e) {
    while (chain.currentEpoch() < e) chain.advanceEpoch();
  }

  private final List<Prover> provers =
      List.of(
          new Prover(ProofVerifierTest.key("n0")),
          new Prover(ProofVerifierTest.key("n1")),
          new Prover(ProofVerifierTest.key("n2")),
          new Prover(ProofVerifierTest.key("n3")));
  private final Map<Bytes32, Prover> proverById = new HashMap<>();
  private final List<StorageNodeRecord> nodes =
      provers.stream().map(p -> new StorageNodeRecord(p.nodeId(), "127.0.0.1:1")).toList();
  private final Map<Bytes32, ShardFixture> files = new HashMap<>();

  /** Shards a node has lost: (node id, file root, shard). */
  private final Set<String> lost = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void network() {
    for (Prover p : provers) proverById.put(p.nodeId(), p);
    for (String n : List.of("n0", "n1", "n2", "n3"))
      chain.registerNode(ProofVerifierTest.key(n), "127.0.0.1:1");
    for (ShardFixture f :
        List.of(ShardFixture.of(300_000, 2, 1, 7), ShardFixture.of(10_000, 3, 2, 8))) {
      files.put(f.submission().fileRoot(), f);
      chain.submit(f.submission());
    }
  }

  /** Shard i of file n goes to node (i + n) mod 4, in submission order. */
  private Optional<StorageNodeRecord> holder(Bytes32 root, int shard) {
    int n = chain.submissions().stream().map(s -> s.fileRoot()).toList().indexOf(root);
    return Optional.of(nodes.get((shard + n) % nodes.size()));
  }

  /** Honest nodes, except for the shards listed in {@link #lost}; they answer at once. */
  private CompletableFuture<Optional<byte[]>> honest(StorageNodeRecord node, Challenge c) {
    return CompletableFuture.completedFuture(honestAnswer(node, c));
  }

  private Optional<byte[]> honestAnswer(StorageNodeRecord node, Challenge c) {
    if (lost.contains(node.nodeId() + "/" + c.fileRoot() + "/" + c.shardIndex()))
      return Optional.empty();
    ShardFixture f = files.get(c.fileRoot());
    return Optional.of(
        proverById.get(node.nodeId()).answer(c, f.shards()[c.shardIndex()], f.roots()).encode());
  }

  /** A challenger whose asks answer through futures, all on the test thread. */
  private EpochChallenger challenger(AnswerTransport.AsyncAsk asks, Duration timeout) {
    return new EpochChallenger(
        chain,
        this::holder,
        AnswerTransport.async(asks),
        new EpochChallenger.Config(4, timeout, 3),
        scheduler);
  }

  /** Runs a round to its end in virtual time. */
  private EpochReport run(EpochChallenger challenger, long epoch) {
    CompletableFuture<EpochReport> round = challenger.start(epoch);
    while (!round.isDone() && scheduler.runNext()) {
      // each step runs at its virtual time
    }
    return round.join();
  }

  @Test
  void recordsAPassForEveryShardOfHonestNodes() throws Exception {
    startEpoch(3);
    EpochReport report = run(challenger(this::honest, Duration.ofSeconds(30)), 3);
    assertThat(scheduler.nowMillis()).as("nobody waits for a timeout").isZero();
    assertThat(report.challenged()).isEqualTo(8);
    assertThat(report.passed()).isEqualTo(8);
    assertThat(report.failures()).isEmpty();
    assertThat(chain.proofResults(3))
        .hasSize(8)
        .allSatisfy(
            r -> {
              assertThat(r.passed()).isTrue();
              assertThat(r.reason()).isEmpty();
              assertThat(r.nodeId())
                  .isEqualTo(holder(r.fileRoot(), r.shardIndex()).orElseThrow().nodeId());
            });
  }

  @Test
  void aSealedRoundFailsShardsWithoutAReplicaUnaskedAndVerifiesTheOthersReplicas() {
    var first = chain.submissions().get(0);
    StorageNodeRecord sealer = holder(first.fileRoot(), 0).orElseThrow();
    ShardFixture f = files.get(first.fileRoot());
    int n = nodes.indexOf(sealer);
    byte[] replica = Seal.seal(Seal.key(sealer.nodeId(), first.fileRoot(), 0), f.shards()[0]);
    var replicaTree = MerkleFile.of(replica);
    chain.commitReplica(
        new ReplicaRecord(sealer.nodeId(), first.fileRoot(), 0, replicaTree.root()));
    List<Challenge> asked = new ArrayList<>();
    AnswerTransport.AsyncAsk sealedNodes =
        (node, c) -> {
          asked.add(c);
          var key = ProofVerifierTest.key("n" + n);
          var opener = SealedProofs.opener(MerkleFile.of(f.shards()[0]), replicaTree);
          return CompletableFuture.completedFuture(
              Optional.of(
                  SealedProofs.answer(c, f.roots(), opener, d -> key.sign(d.toArray())).encode()));
        };
    startEpoch(2);
    EpochChallenger sealedChallenger =
        new EpochChallenger(
            chain,
            this::holder,
            AnswerTransport.async(sealedNodes),
            new EpochChallenger.Config(4, Duration.ofMillis(250), 3, true, 0),
            scheduler);
    EpochReport report = run(sealedChallenger, 2);
    assertThat(asked).singleElement().satisfies(c -> assertThat(c.sealed()).isTrue());
    assertThat(report.passed()).isEqualTo(1);
    assertThat(report.failures()).containsExactly(Map.entry(FailureReason.NO_REPLICA, 7));
    assertThat(chain.proofResults(2))
        .filteredOn(r -> !r.passed())
        .allSatisfy(
            r ->
                assertThat(r.reason())
                    .isEqualTo("no replica: the node has committed no replica of this shard"));
  }

  @Test
  void aHolderWithoutAReplicaIsLeftAloneDuringTheSealGraceAndFailsAfterIt() {
    List<Challenge> asked = new ArrayList<>();
    AnswerTransport.AsyncAsk nobody =
        (node, c) -> {
          asked.add(c);
          return CompletableFuture.completedFuture(Optional.empty());
        };
    EpochChallenger graced =
        new EpochChallenger(
            chain,
            this::holder,
            AnswerTransport.async(nobody),
            new EpochChallenger.Config(4, Duration.ofMillis(250), 3, true, 3),
            scheduler);
    startEpoch(2); // both files were recorded in epoch 0: still within 3 epochs
    EpochReport within = run(graced, 2);
    assertThat(within.sealing()).isEqualTo(8);
    assertThat(within.challenged()).isZero();
    assertThat(chain.proofResults(2)).isEmpty();
    startEpoch(3);
    EpochReport after = run(graced, 3);
    assertThat(after.sealing()).isZero();
    assertThat(after.failures()).containsExactly(Map.entry(FailureReason.NO_REPLICA, 8));
    assertThat(asked).as("a missing replica is never asked for").isEmpty();
  }

  @Test
  void recordsAFailureForANodeThatLostItsShard() throws Exception {
    var first = chain.submissions().get(0);
    StorageNodeRecord loser = holder(first.fileRoot(), 1).orElseThrow();
    lost.add(loser.nodeId() + "/" + first.fileRoot() + "/1");
    startEpoch(4);
    EpochReport report = run(challenger(this::honest, Duration.ofSeconds(30)), 4);
    assertThat(report.passed()).isEqualTo(7);
    assertThat(report.failed()).isEqualTo(1);
    assertThat(report.failures()).containsExactly(Map.entry(FailureReason.NO_ANSWER, 1));
    List<ProofRecord> failed = chain.proofResults(4).stream().filter(r -> !r.passed()).toList();
    assertThat(failed)
        .containsExactly(
            new ProofRecord(
                4,
                loser.nodeId(),
                first.fileRoot(),
                1,
                false,
                "no answer: the node does not hold the shard"));
  }

  @Test
  void wrongAnswersErrorsAndTimeoutsAreRecordedAsFailures() throws Exception {
    startEpoch(5);
    Bytes32 n1 = nodes.get(1).nodeId();
    Bytes32 n2 = nodes.get(2).nodeId();
    Bytes32 n3 = nodes.get(3).nodeId();
    List<CompletableFuture<Optional<byte[]>>> silent = new ArrayList<>();
    AnswerTransport.AsyncAsk transport =
        (node, c) -> {
          if (node.nodeId().equals(n1)) {
            // Answers with node 0's proof for the same shard: wrong node.
            ShardFixture f = files.get(c.fileRoot());
            Challenge other =
                new Challenge(
                    c.epoch(),
                    c.randomness(),
                    nodes.get(0).nodeId(),
                    c.fileRoot(),
                    c.shardIndex(),
                    c.shardLength(),
                    c.count());
            return CompletableFuture.completedFuture(
                Optional.of(
                    provers.get(0).answer(other, f.shards()[c.shardIndex()], f.roots()).encode()));
          }
          if (node.nodeId().equals(n2))
            return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
          if (node.nodeId().equals(n3)) {
            CompletableFuture<Optional<byte[]>> never = new CompletableFuture<>();
            silent.add(never);
            return never;
          }
          return honest(node, c);
        };
    EpochReport report = run(challenger(transport, Duration.ofMillis(300)), 5);
    // Batches of 3 in task order: only the second holds a shard of node 3, and it waits the
    // timeout out once; the silent ask is then called off.
    assertThat(scheduler.nowMillis()).isEqualTo(300);
    assertThat(silent).singleElement().satisfies(f -> assertThat(f).isCancelled());
    Map<Bytes32, List<ProofRecord>> byNode = new HashMap<>();
    for (ProofRecord r : chain.proofResults(5))
      byNode.computeIfAbsent(r.nodeId(), k -> new ArrayList<>()).add(r);
    assertThat(byNode.get(nodes.get(0).nodeId())).allMatch(ProofRecord::passed);
    assertThat(byNode.get(n1))
        .isNotEmpty()
        .allMatch(r -> !r.passed() && r.reason().startsWith("wrong node: "));
    assertThat(byNode.get(n2))
        .isNotEmpty()
        .allMatch(r -> r.reason().equals("no answer: IllegalStateException: connection refused"));
    assertThat(byNode.get(n3))
        .isNotEmpty()
        .allMatch(r -> r.reason().equals("no answer: timed out"));
    assertThat(report.passed()).isEqualTo(byNode.get(nodes.get(0).nodeId()).size());
    assertThat(report.failures())
        .containsOnlyKeys(FailureReason.WRONG_NODE, FailureReason.NO_ANSWER);
    assertThat(report.challenged()).isEqualTo(8);
  }

  @Test
  void aRepeatedRunSkipsWhatIsRecordedAndUnassignedShardsAreCounted() throws Exception {
    startEpoch(6);
    run(challenger(this::honest, Duration.ofSeconds(30)), 6);
    EpochReport again = run(challenger(this::honest, Duration.ofSeconds(30)), 6);
    assertThat(again.challenged()).isZero();
    assertThat(again.alreadyRecorded()).isEqualTo(8);
    assertThat(chain.proofResults(6)).hasSize(8);

    startEpoch(7);
    EpochReport none =
        run(
            new EpochChallenger(
                chain,
                ShardHolders.of((root, shard) -> null),
                AnswerTransport.async(this::honest),
                EpochChallenger.Config.DEFAULT,
                scheduler),
            7);
    assertThat(none.unassigned()).isEqualTo(8);
    assertThat(chain.proofResults(7)).isEmpty();
  }

  @Test
  void anEpochWithoutRandomnessCannotBeChallenged() {
    assertThatThrownBy(() -> run(challenger(this::honest, Duration.ofSeconds(1)), 9))
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("epoch 9 has not started");
  }

  /** Honest nodes; {@code slow} answers {@code millis} of virtual time after it is asked. */
  private AnswerTransport.AsyncAsk slow(Bytes32 slow, long millis) {
    return (node, c) -> {
      if (!node.nodeId().equals(slow)) return honest(node, c);
      CompletableFuture<Optional<byte[]>> later = new CompletableFuture<>();
      scheduler.schedule(millis, () -> later.complete(honestAnswer(node, c)));
      return later;
    };
  }

  @Test
  void aSlowAnswerWithinTheTimeoutIsWaitedForAndABatchEndsWithItsLastAnswer() throws Exception {
    startEpoch(8);
    EpochReport report =
        run(challenger(slow(nodes.get(1).nodeId(), 200), Duration.ofMillis(300)), 8);
    assertThat(report.passed()).isEqualTo(8);
    // Node 1 holds a shard in each of the three batches, and each batch ends when it answers.
    assertThat(scheduler.nowMillis()).isEqualTo(600);
  }

  @Test
  void anAnswerAfterTheTimeoutDoesNotCount() throws Exception {
    startEpoch(10);
    Bytes32 n0 = nodes.get(0).nodeId();
    EpochReport report = run(challenger(slow(n0, 301), Duration.ofMillis(300)), 10);
    assertThat(report.failures()).containsExactly(Map.entry(FailureReason.NO_ANSWER, 2));
    assertThat(chain.proofResults(10))
        .filteredOn(r -> r.nodeId().equals(n0))
        .hasSize(2)
        .allMatch(r -> r.reason().equals("no answer: timed out"));
  }
}
