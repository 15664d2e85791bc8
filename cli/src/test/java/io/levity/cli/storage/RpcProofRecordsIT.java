package io.levity.cli.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.sdk.tx.TransactionFailedException;
import io.levity.storage.chain.ProofRecord;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import io.levity.storage.chain.rpc.RegistryAbi;
import io.levity.storage.chain.rpc.RegistryException;
import io.levity.storage.chain.rpc.RpcStorageChain;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.layout.MerkleFile;
import io.levity.storage.proof.Challenge;
import io.levity.storage.proof.EpochChallenger;
import io.levity.storage.proof.EpochReport;
import io.levity.storage.proof.FailureReason;
import io.levity.storage.proof.Prover;
import io.levity.storage.proof.ShardGeometry;
import io.levity.storage.proof.ShardHolders;
import io.levity.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Epochs, randomness and proof-of-storage results through the registry adapter on a real in-process
 * chain ({@link RegistryFixture}): randomness from block hashes, results read back per epoch and
 * reporter, only the auditor records, and a whole epoch of proofs recorded on chain.
 */
class RpcProofRecordsIT extends RegistryFixture {
  @Test
  void epochsAndRandomnessComeFromBlocks() throws Exception {
    Await.until("block 25", () -> chain.head() >= 25);
    long epoch = chain.currentEpoch();
    assertThat(epoch).isGreaterThanOrEqualTo(2);
    assertThat(chain.epochRandomness(2)).contains(node.store().canonicalHash(20).orElseThrow());
    assertThat(chain.epochRandomness(0)).contains(node.store().canonicalHash(0).orElseThrow());
    assertThat(chain.epochRandomness(epoch + 1_000)).isEmpty();
    assertThat(chain.epochRandomness(-1)).isEmpty();
    RpcStorageChain fives = new RpcStorageChain(chain.config().withEpochBlocks(5));
    assertThat(fives.epochRandomness(4)).contains(node.store().canonicalHash(20).orElseThrow());
    assertThat(fives.currentEpoch()).isGreaterThanOrEqualTo(2 * epoch);
  }

  @Test
  void proofResultsAreEventsReadBackPerEpochAndReporter() throws Exception {
    Submission f = chain.submit(file("proved"));
    Bytes32 nodeId = registered(chain, "prover", "127.0.0.1:7010");
    long epoch = chain.currentEpoch();
    ProofRecord pass = new ProofRecord(epoch, nodeId, f.fileRoot(), 4, true, "");
    ProofRecord fail =
        new ProofRecord(epoch, nodeId, f.fileRoot(), 8, false, "bad proof: sector 3");
    chain.recordProofResult(pass);
    chain.recordProofResult(fail);
    assertThat(chain.proofResults(epoch)).containsSubsequence(pass, fail);
    RpcStorageChain otherReporter =
        new RpcStorageChain(
            chain.config().withProofReporter(Optional.of(ACCOUNTS.get(1).address())));
    assertThat(otherReporter.proofResults(epoch)).doesNotContain(pass, fail);
    // Narrow log windows give the same answer.
    assertThat(new RpcStorageChain(chain.config().withLogBlockRange(3)).proofResults(epoch))
        .isEqualTo(chain.proofResults(epoch));

    assertThatThrownBy(
            () ->
                chain.recordProofResult(
                    new ProofRecord(epoch, h("unregistered"), f.fileRoot(), 0, true, "")))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.isRevert()).isTrue())
        .hasMessageContaining("unknown node");
    assertThatThrownBy(
            () ->
                chain.recordProofResult(new ProofRecord(epoch, nodeId, f.fileRoot(), 9, true, "")))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.isRevert()).isTrue())
        .hasMessageContaining("no such shard");
    assertThatThrownBy(
            () ->
                chain.recordProofResult(
                    new ProofRecord(epoch + 1_000, nodeId, f.fileRoot(), 0, true, "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has not started");
    // A transaction that reverts on chain (here: a fixed gas limit, no estimate to stop it) fails
    // clearly.
    ProofRecord unknownFile = new ProofRecord(epoch, nodeId, h("unknown file"), 0, true, "");
    assertThatThrownBy(() -> sendRaw(RegistryAbi.recordProof(unknownFile), 100_000))
        .isInstanceOf(TransactionFailedException.class)
        .hasMessageMatching(
            "transaction 0x[0-9a-f]{64} failed on "
                + "chain \\(status 0\\) in block [0-9]+, gas used [0-9]+ of 100000");
  }

  @Test
  void onlyTheAuditorRecordsProofResults() {
    Submission f = chain.submit(file("audited"));
    Bytes32 nodeId = registered(other, "cheating", "127.0.0.1:7020");
    long epoch = chain.currentEpoch();
    // The node's own account records "passed" for itself early in the epoch: refused, so a
    // challenger skipping recorded shards still asks it.
    ProofRecord selfPass = new ProofRecord(epoch, nodeId, f.fileRoot(), 0, true, "");
    assertThatThrownBy(() -> other.recordProofResult(selfPass))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.isRevert()).isTrue())
        .hasMessageContaining("only the auditor records proofs");
    // Anyone recording "failed" for an honest node is refused the same way, estimate or not.
    ProofRecord slander = new ProofRecord(epoch, h("prover node"), f.fileRoot(), 1, false, "x");
    assertThatThrownBy(() -> other.recordProofResult(slander))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("only the auditor records proofs");
    assertThatThrownBy(() -> sendRaw(RegistryAbi.recordProof(selfPass), 200_000, ACCOUNTS.get(1)))
        .isInstanceOf(TransactionFailedException.class);
    assertThat(chain.proofResults(epoch)).doesNotContain(selfPass, slander);

    // Only the owner hands the role on; results of a former auditor are not read back, so the
    // challenger never skips a shard on a record the current auditor did not make.
    assertThatThrownBy(() -> other.setAuditor(ACCOUNTS.get(1).address()))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("only the owner sets the auditor");
    assertThat(chain.auditor()).isEqualTo(ACCOUNTS.get(0).address());
    chain.setAuditor(ACCOUNTS.get(1).address());
    try {
      other.recordProofResult(selfPass);
    } finally {
      chain.setAuditor(ACCOUNTS.get(0).address());
    }
    assertThat(chain.proofResults(epoch)).doesNotContain(selfPass);
  }

  @Test
  void anEpochOfProofsOfStorageIsRecordedOnChain() throws Exception {
    // A 2 + 1 file, its shards by the shard format, held by three nodes; node 2 has lost its shard.
    byte[] data = new byte[300_000];
    new Random(5).nextBytes(data);
    int seg = 262_144;
    int groups = (int) (ShardGeometry.shardLength(data.length, 2) / seg);
    byte[][] shards = new byte[3][groups * seg];
    for (int g = 0; g < groups; g++) {
      byte[][] group = new byte[3][seg];
      for (int i = 0; i < 2; i++) {
        int from = (g * 2 + i) * seg;
        if (from < data.length)
          System.arraycopy(data, from, group[i], 0, Math.min(seg, data.length - from));
      }
      ReedSolomon.create(2, 1).encode(group);
      for (int i = 0; i < 3; i++) System.arraycopy(group[i], 0, shards[i], g * seg, seg);
    }
    List<Bytes32> roots = new ArrayList<>();
    for (byte[] s : shards) roots.add(MerkleFile.root(s));
    Submission f =
        chain.submit(
            new Submission(
                MerkleFile.root(data),
                data.length,
                2,
                1,
                ShardGeometry.commitment(2, 1, roots),
                Bytes32.ZERO));

    List<Prover> provers = new ArrayList<>();
    List<StorageNodeRecord> holders = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Ed25519.KeyPair k = Ed25519.KeyPair.fromSeed(h("epoch node " + i).toArray());
      Prover p = new Prover(k);
      provers.add(p);
      StorageNodeRecord n = new StorageNodeRecord(p.nodeId(), "127.0.0.1:" + (7100 + i));
      chain.registerNode(k, n.endpoint());
      holders.add(n);
    }
    ShardHolders placement =
        (root, shard) ->
            root.equals(f.fileRoot()) ? Optional.of(holders.get(shard)) : Optional.empty();
    EpochChallenger challenger =
        new EpochChallenger(
            chain,
            placement,
            (n, c) -> {
              int i = holders.indexOf(n);
              if (i == 2) return Optional.empty();
              return Optional.of(provers.get(i).answer(c, shards[c.shardIndex()], roots).encode());
            },
            new EpochChallenger.Config(Challenge.DEFAULT_SECTORS, Duration.ofSeconds(10), 4));

    long epoch = chain.currentEpoch();
    EpochReport report = challenger.challenge(epoch);
    assertThat(report.passed()).isEqualTo(2);
    assertThat(report.failures()).isEqualTo(Map.of(FailureReason.NO_ANSWER, 1));
    List<ProofRecord> mine =
        chain.proofResults(epoch).stream().filter(r -> r.fileRoot().equals(f.fileRoot())).toList();
    assertThat(mine)
        .containsExactly(
            new ProofRecord(epoch, holders.get(0).nodeId(), f.fileRoot(), 0, true, ""),
            new ProofRecord(epoch, holders.get(1).nodeId(), f.fileRoot(), 1, true, ""),
            new ProofRecord(
                epoch,
                holders.get(2).nodeId(),
                f.fileRoot(),
                2,
                false,
                "no answer: the node does not hold the shard"));
    // Running the epoch again finds everything recorded on chain and sends nothing.
    EpochReport again = challenger.challenge(epoch);
    assertThat(again.challenged()).isZero();
    assertThat(again.alreadyRecorded()).isGreaterThanOrEqualTo(3);
  }
}
