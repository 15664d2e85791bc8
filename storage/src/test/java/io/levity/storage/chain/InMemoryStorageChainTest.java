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
}
