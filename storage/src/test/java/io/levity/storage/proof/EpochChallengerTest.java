package io.levity.storage.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.InMemoryStorageChain;
import io.levity.storage.chain.ProofRecord;
import io.levity.storage.chain.StorageNodeRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EpochChallengerTest {
  private final InMemoryStorageChain chain = new InMemoryStorageChain();

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
    nodes.forEach(chain::registerNode);
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

  /** Honest nodes, except for the shards listed in {@link #lost}. */
  private Optional<byte[]> honest(StorageNodeRecord node, Challenge c) {
    if (lost.contains(node.nodeId() + "/" + c.fileRoot() + "/" + c.shardIndex()))
      return Optional.empty();
    ShardFixture f = files.get(c.fileRoot());
    return Optional.of(
        proverById.get(node.nodeId()).answer(c, f.shards()[c.shardIndex()], f.roots()).encode());
  }

  private EpochChallenger challenger(AnswerTransport transport, Duration timeout) {
    return new EpochChallenger(
        chain, this::holder, transport, new EpochChallenger.Config(4, timeout, 3));
  }

  @Test
  void recordsAPassForEveryShardOfHonestNodes() throws Exception {
    startEpoch(3);
    EpochReport report = challenger(this::honest, Duration.ofSeconds(30)).challenge(3);
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
  void recordsAFailureForANodeThatLostItsShard() throws Exception {
    var first = chain.submissions().get(0);
    StorageNodeRecord loser = holder(first.fileRoot(), 1).orElseThrow();
    lost.add(loser.nodeId() + "/" + first.fileRoot() + "/1");
    startEpoch(4);
    EpochReport report = challenger(this::honest, Duration.ofSeconds(30)).challenge(4);
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
    AnswerTransport transport =
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
            return Optional.of(
                provers.get(0).answer(other, f.shards()[c.shardIndex()], f.roots()).encode());
          }
          if (node.nodeId().equals(n2)) throw new IllegalStateException("connection refused");
          if (node.nodeId().equals(n3)) {
            try {
              Thread.sleep(60_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return Optional.empty();
          }
          return honest(node, c);
        };
    long start = System.nanoTime();
    EpochReport report = challenger(transport, Duration.ofMillis(300)).challenge(5);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    Map<Bytes32, List<ProofRecord>> byNode = new HashMap<>();
    for (ProofRecord r : chain.proofResults(5))
      byNode.computeIfAbsent(r.nodeId(), k -> new java.util.ArrayList<>()).add(r);
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
    challenger(this::honest, Duration.ofSeconds(30)).challenge(6);
    EpochReport again = challenger(this::honest, Duration.ofSeconds(30)).challenge(6);
    assertThat(again.challenged()).isZero();
    assertThat(again.alreadyRecorded()).isEqualTo(8);
    assertThat(chain.proofResults(6)).hasSize(8);

    startEpoch(7);
    EpochReport none =
        new EpochChallenger(
                chain,
                ShardHolders.of((root, shard) -> null),
                this::honest,
                EpochChallenger.Config.DEFAULT)
            .challenge(7);
    assertThat(none.unassigned()).isEqualTo(8);
    assertThat(chain.proofResults(7)).isEmpty();
  }

  @Test
  void anEpochWithoutRandomnessCannotBeChallenged() {
    assertThatThrownBy(() -> challenger(this::honest, Duration.ofSeconds(1)).challenge(9))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("epoch 9 has not started");
  }
}
