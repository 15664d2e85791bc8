package io.levity.cli.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.cli.node.OneValidatorChain;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.node.keys.DevAccounts;
import io.levity.node.runtime.ValidatorNode;
import io.levity.sdk.Contract;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.TxReceipt;
import io.levity.sdk.tx.ReceiptWaiter;
import io.levity.sdk.tx.TransactionFailedException;
import io.levity.sdk.tx.TxRequest;
import io.levity.sdk.tx.Wallet;
import io.levity.storage.chain.NodeRegistration;
import io.levity.storage.chain.ProofRecord;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import io.levity.storage.chain.rpc.RegistryAbi;
import io.levity.storage.chain.rpc.RegistryException;
import io.levity.storage.chain.rpc.RpcStorageChain;
import io.levity.storage.chain.rpc.StorageRegistryCode;
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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The storage registry adapter against a real in-process Levity chain: one validator (RocksDB in
 * memory, real consensus, block execution and JSON-RPC over loopback HTTP) whose genesis holds the
 * registry's runtime code at the devnet address, as the devnet's does. Here in the CLI's tests
 * because it needs both the node and storage, and storage does not depend on the node.
 */
class RpcStorageChainIT {
  private static final List<Secp256k1.KeyPair> ACCOUNTS = DevAccounts.dev(2);
  private static OneValidatorChain devChain;
  private static ValidatorNode node;
  private static URI rpcUrl;
  private static RpcStorageChain chain;

  /** The same registry, writing from dev account 1. */
  private static RpcStorageChain other;

  @BeforeAll
  static void startChain() throws Exception {
    devChain = RegistryChain.start(ACCOUNTS);
    node = devChain.node();
    rpcUrl = devChain.rpcUrl();
    chain = new RpcStorageChain(RpcStorageChain.Config.devnet(rpcUrl, ACCOUNTS.get(0)));
    other = new RpcStorageChain(RpcStorageChain.Config.devnet(rpcUrl, ACCOUNTS.get(1)));
  }

  @AfterAll
  static void stopChain() {
    if (devChain != null) devChain.close();
  }

  private static Bytes32 h(String s) {
    return Keccak.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A storage node's Ed25519 key, from a label. */
  private static Ed25519.KeyPair nodeKey(String label) {
    return Ed25519.KeyPair.fromSeed(h("node key " + label).toArray());
  }

  /** Registers the node of {@code label}'s key at {@code endpoint} through {@code via}; its id. */
  private static Bytes32 registered(RpcStorageChain via, String label, String endpoint) {
    Ed25519.KeyPair key = nodeKey(label);
    via.registerNode(key, endpoint);
    return record(key, endpoint).nodeId();
  }

  private static StorageNodeRecord record(Ed25519.KeyPair key, String endpoint) {
    return new StorageNodeRecord(Bytes32.of32(key.publicKey()), endpoint);
  }

  /**
   * Registers straight at the registry from {@code from}, with the deposit; the gas is estimated,
   * so a registration the registry refuses fails with its revert reason and sends nothing.
   */
  private static TxReceipt registerRaw(
      Secp256k1.KeyPair from, StorageNodeRecord n, Bytes signature) {
    EthRpc rpc = EthRpc.connect(rpcUrl, Duration.ofSeconds(5));
    return new Wallet(rpc, from)
        .sendAndWait(
            TxRequest.call(RpcStorageChain.DEVNET_REGISTRY, RegistryAbi.registerNode(n, signature))
                .withValue(RegistryAbi.NODE_DEPOSIT),
            ReceiptWaiter.of(rpc, Duration.ofSeconds(60), Duration.ofMillis(50)));
  }

  private static Submission file(String label) {
    return new Submission(
        h("file " + label), 1000 + label.length(), 6, 3, h("commitment " + label), Bytes32.ZERO);
  }

  @Test
  void theRegistryIsInTheGenesisAndStartsEmpty() {
    EthRpc rpc = EthRpc.connect(rpcUrl, Duration.ofSeconds(5));
    assertThat(rpc.getCode(RpcStorageChain.DEVNET_REGISTRY, BlockTag.LATEST))
        .isEqualTo(StorageRegistryCode.runtimeCode());
    assertThat(chain.submission(h("never submitted"))).isEmpty();
    RpcStorageChain readOnly =
        new RpcStorageChain(
            RpcStorageChain.Config.devnet(rpcUrl, ACCOUNTS.get(0)).withKey(Optional.empty()));
    assertThatThrownBy(() -> readOnly.submit(file("read-only")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("read-only");
    Address empty = Address.fromHex("0x00000000000000000000000000000000000b0b00");
    RpcStorageChain nowhere =
        new RpcStorageChain(
            RpcStorageChain.Config.devnet(rpcUrl, ACCOUNTS.get(0)).withRegistry(empty));
    assertThatThrownBy(nowhere::submissions)
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("StorageRegistry at " + empty)
        .hasMessageContaining("no return data");
  }

  @Test
  void theSubmissionEpochIsReadFromTheRegistrysEvents() {
    Submission f = file("epoch of submission");
    chain.submit(f);
    long epoch = chain.submissionEpoch(f.fileRoot()).orElseThrow();
    assertThat(epoch).isBetween(0L, chain.currentEpoch());
    RpcStorageChain narrow =
        new RpcStorageChain(
            RpcStorageChain.Config.devnet(rpcUrl, ACCOUNTS.get(0)).withLogBlockRange(3));
    assertThat(narrow.submissionEpoch(f.fileRoot())).hasValue(epoch);
    assertThat(chain.submissionEpoch(h("never submitted"))).isEmpty();
  }

  @Test
  void submissionsAreRecordedOnceAndConflictsRefused() {
    Submission a = file("a");
    Submission stored = chain.submit(a);
    assertThat(stored)
        .isEqualTo(
            new Submission(
                a.fileRoot(),
                a.length(),
                6,
                3,
                a.shardCommitment(),
                Bytes32.leftPad(ACCOUNTS.get(0).address())));
    long head = chain.head();
    // The same record again, from anyone: no transaction, the first submitter stays.
    assertThat(other.submit(a)).isEqualTo(stored);
    Submission conflicting =
        new Submission(a.fileRoot(), a.length() + 1, 6, 3, a.shardCommitment(), Bytes32.ZERO);
    assertThatThrownBy(() -> other.submit(conflicting))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already recorded with a different record");
    assertThat(chain.submission(a.fileRoot())).contains(stored);

    // The contract refuses the conflict itself too, not only the adapter's pre-check.
    assertThatThrownBy(() -> sendRaw(RegistryAbi.submit(conflicting), 200_000))
        .isInstanceOf(TransactionFailedException.class)
        .hasMessageContaining("failed on chain (status 0)");
    assertThat(chain.submission(a.fileRoot())).contains(stored);

    Submission b = chain.submit(file("b"));
    assertThat(chain.submissions()).containsSubsequence(stored, b);
    assertThat(chain.head()).isGreaterThan(head);
  }

  @Test
  void nodesRegisterAndOnlyTheirOwnerChangesTheEndpoint() {
    Ed25519.KeyPair x = nodeKey("x");
    Bytes32 id = record(x, "").nodeId();
    chain.registerNode(x, "127.0.0.1:7001");
    chain.registerNode(x, "127.0.0.1:7002");
    assertThat(chain.nodes())
        .contains(new StorageNodeRecord(id, "127.0.0.1:7002"))
        .doesNotContain(new StorageNodeRecord(id, "127.0.0.1:7001"));
    assertThatThrownBy(() -> other.registerNode(x, "127.0.0.1:6666"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("registered by account");
    other.registerNode(nodeKey("y"), "127.0.0.1:7003");
    List<StorageNodeRecord> nodes = chain.nodes();
    assertThat(nodes.indexOf(record(nodeKey("y"), "127.0.0.1:7003")))
        .isGreaterThan(nodes.indexOf(new StorageNodeRecord(id, "127.0.0.1:7002")));
    assertThatThrownBy(() -> chain.registerNode(nodeKey("z"), "no-port"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyWhoeverHoldsTheNodeKeyRegistersItsId() {
    Ed25519.KeyPair honest = nodeKey("honest");
    StorageNodeRecord n = record(honest, "127.0.0.1:6660");
    Secp256k1.KeyPair alice = ACCOUNTS.get(0); // the account the honest node registers from
    Secp256k1.KeyPair bob = ACCOUNTS.get(1); // a squatter, without the node's key
    // The registry computes the digest the adapter signs.
    assertThat(
            new Contract(
                    EthRpc.connect(rpcUrl, Duration.ofSeconds(5)), RpcStorageChain.DEVNET_REGISTRY)
                .call(RegistryAbi.REGISTRATION_DIGEST, n.nodeId(), n.endpoint(), alice.address())
                .bytes32(0))
        .isEqualTo(chain.registrationDigest(n));
    // Bob, with no signature or with his own key's, reverts with the reason.
    assertThatThrownBy(() -> registerRaw(bob, n, Bytes.EMPTY))
        .hasMessageContaining("StorageRegistry: bad node signature");
    Bytes bobsKey = NodeRegistration.sign(nodeKey("squatter"), other.registrationDigest(n));
    assertThatThrownBy(() -> registerRaw(bob, n, bobsKey))
        .hasMessageContaining("StorageRegistry: bad node signature");
    // The honest node's signature for Alice, copied from the mempool by Bob, is worth nothing to
    // him; nor to Alice for another endpoint.
    Bytes forAlice = NodeRegistration.sign(honest, chain.registrationDigest(n));
    assertThatThrownBy(() -> registerRaw(bob, n, forAlice))
        .hasMessageContaining("StorageRegistry: bad node signature");
    assertThatThrownBy(() -> registerRaw(alice, record(honest, "127.0.0.1:6661"), forAlice))
        .hasMessageContaining("StorageRegistry: bad node signature");
    // Sent with a fixed gas limit (no estimate to stop it): mined, reverted, nothing recorded.
    assertThatThrownBy(() -> sendRaw(RegistryAbi.registerNode(n, forAlice), 300_000, bob))
        .isInstanceOf(TransactionFailedException.class);
    // The adapter refuses a wrong signature before sending anything.
    assertThatThrownBy(() -> other.registerNode(n, forAlice))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad node signature");
    assertThat(chain.nodes()).noneMatch(x -> x.nodeId().equals(n.nodeId()));

    TxReceipt registered = registerRaw(alice, n, forAlice);
    // 166,548 gas when it is the registry's first node (docs/storage-proofs.md)
    assertThat(registered.gasUsed()).isBetween(100_000L, 200_000L);
    assertThat(chain.nodes()).contains(n);
    assertThat(
            new Contract(
                    EthRpc.connect(rpcUrl, Duration.ofSeconds(5)), RpcStorageChain.DEVNET_REGISTRY)
                .call(RegistryAbi.OWNER_OF, n.nodeId())
                .address(0))
        .isEqualTo(alice.address());
  }

  @Test
  void nodesPayADepositAndGetItBackOnlyAfterLeaving() throws Exception {
    Ed25519.KeyPair key = nodeKey("deposit");
    StorageNodeRecord record = record(key, "127.0.0.1:7030");
    Bytes32 id = record.nodeId();
    // Registering for free (signed right): reverted on chain (sent with a fixed gas limit, no
    // estimate to stop it).
    Bytes signed = NodeRegistration.sign(key, chain.registrationDigest(record));
    assertThatThrownBy(() -> sendRaw(RegistryAbi.registerNode(record, signed), 300_000))
        .isInstanceOf(TransactionFailedException.class);
    assertThat(chain.nodes()).doesNotContain(record);
    EthRpc rpc = EthRpc.connect(rpcUrl, Duration.ofSeconds(5));
    UInt256 before = rpc.getBalance(RpcStorageChain.DEVNET_REGISTRY, BlockTag.LATEST);
    other.registerNode(key, record.endpoint());
    assertThat(chain.nodes()).contains(record);
    assertThat(rpc.getBalance(RpcStorageChain.DEVNET_REGISTRY, BlockTag.LATEST))
        .isEqualTo(before.add(RegistryAbi.NODE_DEPOSIT));
    StorageNodeRecord moved = new StorageNodeRecord(id, "127.0.0.1:7031");
    other.registerNode(key, moved.endpoint()); // an endpoint change needs no second deposit
    assertThat(chain.nodes()).contains(moved);

    assertThatThrownBy(() -> chain.deregisterNode(id))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("only the node's owner deregisters it");
    other.deregisterNode(id);
    assertThat(chain.nodes()).noneMatch(n -> n.nodeId().equals(id));
    assertThatThrownBy(() -> other.withdrawDeposit(id))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("deposit still locked");
    assertThatThrownBy(() -> other.registerNode(key, moved.endpoint()))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("node is leaving");
    long free = chain.head() + RegistryAbi.EXIT_DELAY;
    Await.until("the exit delay", () -> chain.head() >= free);
    other.withdrawDeposit(id);
    assertThat(rpc.getBalance(RpcStorageChain.DEVNET_REGISTRY, BlockTag.LATEST)).isEqualTo(before);
  }

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
  void aDeployedRegistryWorksLikeTheGenesisOne() {
    Address deployed =
        StorageRegistryCode.deploy(
            rpcUrl, ACCOUNTS.get(1), ACCOUNTS.get(0).address(), Duration.ofSeconds(30));
    assertThat(deployed).isNotEqualTo(RpcStorageChain.DEVNET_REGISTRY);
    RpcStorageChain fresh = new RpcStorageChain(chain.config().withRegistry(deployed));
    assertThat(fresh.auditor()).isEqualTo(ACCOUNTS.get(0).address());
    assertThat(fresh.submissions()).isEmpty();
    Submission s = fresh.submit(file("deployed"));
    assertThat(fresh.submissions()).containsExactly(s);
    assertThat(chain.submission(s.fileRoot())).as("registries do not share state").isEmpty();
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

  /**
   * Sends call data to the registry from dev account 0 with a fixed gas limit (no estimate to stop
   * a transaction that fails on chain) and waits for it.
   */
  private static TxReceipt sendRaw(Bytes data, long gasLimit) {
    return sendRaw(data, gasLimit, ACCOUNTS.get(0));
  }

  private static TxReceipt sendRaw(Bytes data, long gasLimit, Secp256k1.KeyPair from) {
    EthRpc rpc = EthRpc.connect(rpcUrl, Duration.ofSeconds(5));
    return new Wallet(rpc, from)
        .sendAndWait(
            TxRequest.call(RpcStorageChain.DEVNET_REGISTRY, data).withGasLimit(gasLimit),
            ReceiptWaiter.of(rpc, Duration.ofSeconds(60), Duration.ofMillis(50)));
  }
}
