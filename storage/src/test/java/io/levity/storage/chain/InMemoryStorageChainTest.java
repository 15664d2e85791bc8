package io.levity.storage.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Keccak;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same contract for both local chains: the in-memory one and the shared file. */
class InMemoryStorageChainTest {
  @TempDir Path dir;

  StorageChain chain(String kind) {
    return kind.equals("memory")
        ? new InMemoryStorageChain(Keccak.hash(new byte[] {7}))
        : FileStorageChain.open(dir.resolve("chain.json"));
  }

  static Submission sub(int i) {
    return new Submission(
        Keccak.hash(new byte[] {(byte) i}),
        1000 + i,
        6,
        3,
        Keccak.hash(new byte[] {(byte) i, 1}),
        Bytes32.ZERO);
  }

  static void advance(StorageChain c) {
    if (c instanceof InMemoryStorageChain m) m.advanceEpoch();
    else ((FileStorageChain) c).advanceEpoch();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void submissionsAreIdempotentAndNeverOverwritten(String kind) {
    StorageChain c = chain(kind);
    assertThat(c.submit(sub(1))).isEqualTo(sub(1));
    c.submit(sub(2));
    c.submit(sub(1));
    assertThat(c.submissions()).containsExactly(sub(1), sub(2));
    Submission other = new Submission(sub(1).fileRoot(), 5, 6, 3, Bytes32.ZERO, Bytes32.ZERO);
    assertThatThrownBy(() -> c.submit(other))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already recorded with a different record");
    assertThat(c.submission(sub(1).fileRoot())).contains(sub(1));
    assertThat(c.submission(Bytes32.ZERO)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void nodesKeepRegistrationOrderAndUpdateTheirEndpoint(String kind) {
    StorageChain c = chain(kind);
    c.registerNode(key("a"), "127.0.0.1:1");
    c.registerNode(key("b"), "127.0.0.1:2");
    c.registerNode(key("a"), "127.0.0.1:3");
    assertThat(c.nodes())
        .extracting(StorageNodeRecord::endpoint)
        .containsExactly("127.0.0.1:3", "127.0.0.1:2");
  }

  static Ed25519.KeyPair key(String label) {
    return Ed25519.KeyPair.fromSeed(
        Keccak.hash(("node key " + label).getBytes(StandardCharsets.UTF_8)).toArray());
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void onlyTheNodesKeyRegistersItsIdAndOnlyForTheEndpointItSigned(String kind) {
    StorageChain c = chain(kind);
    Ed25519.KeyPair honest = key("honest");
    StorageNodeRecord node = new StorageNodeRecord(Bytes32.of32(honest.publicKey()), "127.0.0.1:9");
    // Someone without the key: no signature, another key's, the signature of another endpoint.
    assertThatThrownBy(() -> c.registerNode(node, Bytes.EMPTY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad node signature");
    assertThatThrownBy(
            () ->
                c.registerNode(
                    node, NodeRegistration.sign(key("squatter"), c.registrationDigest(node))))
        .hasMessageContaining("bad node signature");
    StorageNodeRecord elsewhere = new StorageNodeRecord(node.nodeId(), "127.0.0.1:666");
    Bytes signedForNode = NodeRegistration.sign(honest, c.registrationDigest(node));
    assertThatThrownBy(() -> c.registerNode(elsewhere, signedForNode))
        .hasMessageContaining("bad node signature");
    assertThat(c.nodes()).isEmpty();
    c.registerNode(node, signedForNode);
    assertThat(c.nodes()).containsExactly(node);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void epochsAdvanceOnlyWhenToldAndRandomnessIsNotKnownAhead(String kind) {
    StorageChain c = chain(kind);
    assertThat(c.currentEpoch()).isZero();
    Bytes32 r0 = c.epochRandomness(0).orElseThrow();
    assertThat(c.epochRandomness(1)).isEmpty();
    advance(c);
    assertThat(c.currentEpoch()).isEqualTo(1);
    assertThat(c.epochRandomness(0)).contains(r0);
    assertThat(c.epochRandomness(1).orElseThrow()).isNotEqualTo(r0);
    ProofRecord p = new ProofRecord(1, Bytes32.ZERO, sub(1).fileRoot(), 3, false, "no answer");
    c.recordProofResult(p);
    assertThat(c.proofResults(1)).containsExactly(p);
    assertThat(c.proofResults(0)).isEmpty();
    assertThatThrownBy(
            () -> c.recordProofResult(new ProofRecord(2, Bytes32.ZERO, Bytes32.ZERO, 0, true, "")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randomnessIsKeccakOfEpochAndSeed() {
    Bytes32 seed = Keccak.hash(new byte[] {7});
    byte[] in = new byte[40];
    in[7] = 3;
    System.arraycopy(seed.toArray(), 0, in, 8, 32);
    InMemoryStorageChain c = new InMemoryStorageChain(seed);
    for (int i = 0; i < 3; i++) c.advanceEpoch();
    assertThat(c.epochRandomness(3)).contains(Keccak.hash(in));
  }

  @Test
  void theFileChainIsSharedBetweenInstancesAndSurvivesReopening() throws Exception {
    FileStorageChain a = FileStorageChain.open(dir.resolve("shared.json"));
    FileStorageChain b = FileStorageChain.open(dir.resolve("shared.json"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        FileStorageChain c = i % 2 == 0 ? a : b;
        done.add(pool.submit(() -> c.submit(sub(n))));
      }
      for (Future<?> f : done) f.get();
    } finally {
      pool.shutdown();
    }
    FileStorageChain reopened = FileStorageChain.open(dir.resolve("shared.json"));
    assertThat(reopened.submissions()).hasSize(40).containsAll(List.of(sub(0), sub(39)));
    assertThat(reopened.epochRandomness(0)).isEqualTo(a.epochRandomness(0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void aReplicaRootIsCommittedOnceForARecordedFileShardAndNode(String kind) {
    StorageChain c = chain(kind);
    c.submit(sub(1));
    c.registerNode(key("a"), "127.0.0.1:1");
    Bytes32 node = Bytes32.of32(key("a").publicKey());
    Bytes32 file = sub(1).fileRoot();
    Bytes32 root = Keccak.hash(new byte[] {42});
    assertThat(c.replicaRoot(node, file, 4)).isEmpty();
    c.commitReplica(new ReplicaRecord(node, file, 4, root));
    c.commitReplica(new ReplicaRecord(node, file, 4, root)); // the same again: nothing changes
    assertThat(c.replicaRoot(node, file, 4)).contains(root);
    assertThat(c.replicaRoot(node, file, 5)).isEmpty();
    assertThatThrownBy(() -> c.commitReplica(new ReplicaRecord(node, file, 4, Bytes32.ZERO)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already committed replica");
    assertThatThrownBy(() -> c.commitReplica(new ReplicaRecord(node, file, 9, root)))
        .hasMessageContaining("has no shard 9");
    assertThatThrownBy(() -> c.commitReplica(new ReplicaRecord(node, sub(2).fileRoot(), 0, root)))
        .hasMessageContaining("unknown file");
    Bytes32 stranger = Bytes32.of32(key("b").publicKey());
    assertThatThrownBy(() -> c.commitReplica(new ReplicaRecord(stranger, file, 4, root)))
        .hasMessageContaining("unknown node");
  }

  @Test
  void replicasSurviveReopeningTheFileChainAndOlderFilesReadWithoutThem() throws Exception {
    Path path = dir.resolve("replicas.json");
    FileStorageChain c = FileStorageChain.open(path);
    c.submit(sub(1));
    c.registerNode(key("a"), "127.0.0.1:1");
    Bytes32 node = Bytes32.of32(key("a").publicKey());
    c.commitReplica(new ReplicaRecord(node, sub(1).fileRoot(), 0, Keccak.hash(new byte[] {1})));
    assertThat(FileStorageChain.open(path).replicaRoot(node, sub(1).fileRoot(), 0))
        .contains(Keccak.hash(new byte[] {1}));
    String older =
        java.nio.file.Files.readString(path)
            .replaceAll("(?s),\\s*\"replicas\"\\s*:\\s*\\[.*?\\]", "");
    assertThat(older).doesNotContain("replicas");
    java.nio.file.Files.writeString(path, older);
    assertThat(FileStorageChain.open(path).replicaRoot(node, sub(1).fileRoot(), 0)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void theEpochOfASubmissionIsRecordedOnce(String kind) {
    StorageChain c = chain(kind);
    c.submit(sub(1));
    advance(c);
    advance(c);
    c.submit(sub(2));
    c.submit(sub(1)); // the same record again: its epoch stays
    assertThat(c.submissionEpoch(sub(1).fileRoot())).hasValue(0);
    assertThat(c.submissionEpoch(sub(2).fileRoot())).hasValue(2);
    assertThat(c.submissionEpoch(sub(3).fileRoot())).isEmpty();
    if (c instanceof FileStorageChain f)
      assertThat(FileStorageChain.open(f.path()).submissionEpoch(sub(2).fileRoot())).hasValue(2);
  }
}
