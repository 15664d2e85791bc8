package io.levity.cli.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.cli.node.OneValidatorChain;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.node.keys.DevAccounts;
import io.levity.sdk.Contract;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.TxReceipt;
import io.levity.sdk.tx.ReceiptWaiter;
import io.levity.sdk.tx.TxRequest;
import io.levity.sdk.tx.Wallet;
import io.levity.storage.chain.NodeRegistration;
import io.levity.storage.chain.ReplicaRecord;
import io.levity.storage.chain.Submission;
import io.levity.storage.chain.rpc.RegistryAbi;
import io.levity.storage.chain.rpc.RegistryException;
import io.levity.storage.chain.rpc.RpcStorageChain;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every revert of the storage registry, each by its reason, against a real in-process Levity chain
 * as in {@link RpcStorageChainIT}: transactions are sent straight to the contract (past the
 * adapter's own pre-checks), so each refusal is the registry's own. Also the replica commitments of
 * sealed proofs of storage: only the node's owner commits, once per shard, for a recorded file,
 * shard and node. (Untested: "deposit transfer failed", which needs an owner contract refusing
 * ether.)
 */
class RegistryRevertsIT {
  private static final List<Secp256k1.KeyPair> ACCOUNTS = DevAccounts.dev(2);
  private static OneValidatorChain devChain;
  private static URI rpcUrl;
  private static RpcStorageChain owner;
  private static RpcStorageChain stranger;

  @BeforeAll
  static void startChain() throws Exception {
    devChain = RegistryChain.start(ACCOUNTS);
    rpcUrl = devChain.rpcUrl();
    owner = new RpcStorageChain(RpcStorageChain.Config.devnet(rpcUrl, ACCOUNTS.get(0)));
    stranger = new RpcStorageChain(RpcStorageChain.Config.devnet(rpcUrl, ACCOUNTS.get(1)));
  }

  @AfterAll
  static void stopChain() {
    if (devChain != null) devChain.close();
  }

  private static Bytes32 h(String s) {
    return Keccak.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@code data} straight to the registry from {@code from} with {@code value} wei. */
  private static TxReceipt raw(Secp256k1.KeyPair from, Bytes data, UInt256 value) {
    EthRpc rpc = EthRpc.connect(rpcUrl, Duration.ofSeconds(5));
    return new Wallet(rpc, from)
        .sendAndWait(
            TxRequest.call(RpcStorageChain.DEVNET_REGISTRY, data).withValue(value),
            ReceiptWaiter.of(rpc, Duration.ofSeconds(60), Duration.ofMillis(50)));
  }

  private static TxReceipt raw(Secp256k1.KeyPair from, Bytes data) {
    return raw(from, data, UInt256.ZERO);
  }

  /** Sends {@code commitReplica} straight to the registry from {@code from} (no pre-checks). */
  private static TxReceipt commitRaw(Secp256k1.KeyPair from, ReplicaRecord r) {
    return raw(
        from,
        RegistryAbi.COMMIT_REPLICA.encodeCall(
            r.nodeId(), r.fileRoot(), r.shardIndex(), r.replicaRoot()));
  }

  private static Contract registry() {
    return new Contract(
        EthRpc.connect(rpcUrl, Duration.ofSeconds(5)), RpcStorageChain.DEVNET_REGISTRY);
  }

  /** A registration of {@code key} at {@code endpoint} sent by {@code from}, signed by the key. */
  private static Bytes registration(Ed25519.KeyPair key, String endpoint, Secp256k1.KeyPair from) {
    Bytes32 id = Bytes32.of32(key.publicKey());
    Bytes32 digest =
        registry().call(RegistryAbi.REGISTRATION_DIGEST, id, endpoint, from.address()).bytes32(0);
    return RegistryAbi.REGISTER_NODE.encodeCall(id, endpoint, NodeRegistration.sign(key, digest));
  }

  private static final Secp256k1.KeyPair ALICE = ACCOUNTS.get(0);
  private static final Secp256k1.KeyPair BOB = ACCOUNTS.get(1);

  @Test
  void submitRefusesZeroRootsBadCodesAndADifferentRecord() {
    Bytes32 root = h("reverts file");
    assertThatThrownBy(
            () -> raw(ALICE, RegistryAbi.SUBMIT.encodeCall(Bytes32.ZERO, 1L, 6, 3, h("c"))))
        .hasMessageContaining("StorageRegistry: zero file root");
    assertThatThrownBy(
            () -> raw(ALICE, RegistryAbi.SUBMIT.encodeCall(root, 1L, 6, 3, Bytes32.ZERO)))
        .hasMessageContaining("StorageRegistry: zero shard commitment");
    assertThatThrownBy(() -> raw(ALICE, RegistryAbi.SUBMIT.encodeCall(root, 1L, 0, 3, h("c"))))
        .hasMessageContaining("StorageRegistry: bad code");
    assertThatThrownBy(() -> raw(ALICE, RegistryAbi.SUBMIT.encodeCall(root, 1L, 200, 56, h("c"))))
        .hasMessageContaining("StorageRegistry: bad code");
    raw(ALICE, RegistryAbi.SUBMIT.encodeCall(root, 1L, 6, 3, h("c")));
    assertThatThrownBy(() -> raw(BOB, RegistryAbi.SUBMIT.encodeCall(root, 2L, 6, 3, h("c"))))
        .hasMessageContaining("StorageRegistry: a different record exists for this file root");
    assertThatThrownBy(() -> registry().call(RegistryAbi.FILES_PAGE, 0L, 257L))
        .hasMessageContaining("StorageRegistry: page too large");
    assertThatThrownBy(() -> registry().call(RegistryAbi.NODES_PAGE, 0L, 257L))
        .hasMessageContaining("StorageRegistry: page too large");
    String longReason = "x".repeat(RegistryAbi.MAX_REASON_BYTES + 1);
    owner.registerNode(Ed25519.KeyPair.fromSeed(h("reason node").toArray()), "127.0.0.1:7200");
    Bytes32 reasonNode =
        Bytes32.of32(Ed25519.KeyPair.fromSeed(h("reason node").toArray()).publicKey());
    assertThatThrownBy(
            () ->
                raw(
                    ALICE,
                    RegistryAbi.RECORD_PROOF.encodeCall(
                        0L, reasonNode, root, 0, false, longReason)))
        .hasMessageContaining("StorageRegistry: reason too long");
  }

  @Test
  void gasOfTheRegistrysWritesAsTheDocsStateIt() {
    // docs/storage-proofs.md quotes these receipts; the bounds catch a change that makes them
    // stale.
    Bytes32 root = h("gas file");
    long submit =
        raw(ALICE, RegistryAbi.SUBMIT.encodeCall(root, 5000L, 6, 3, h("gas c"))).gasUsed();
    Ed25519.KeyPair key = Ed25519.KeyPair.fromSeed(h("gas node").toArray());
    Bytes32 id = Bytes32.of32(key.publicKey());
    long register =
        raw(ALICE, registration(key, "127.0.0.1:7400", ALICE), RegistryAbi.NODE_DEPOSIT).gasUsed();
    long endpoint = raw(ALICE, registration(key, "127.0.0.1:7401", ALICE)).gasUsed();
    long pass =
        raw(ALICE, RegistryAbi.RECORD_PROOF.encodeCall(0L, id, root, 0, true, "")).gasUsed();
    long fail =
        raw(
                ALICE,
                RegistryAbi.RECORD_PROOF.encodeCall(
                    0L, id, root, 1, false, "bad proof: sector 812 does not verify ....."))
            .gasUsed();
    System.out.printf(
        "registry gas: submit %d, registerNode (later node) %d, endpoint change %d,"
            + " recordProof pass %d, fail with a 44-byte reason %d%n",
        submit, register, endpoint, pass, fail);
    assertThat(submit).isBetween(140_000L, 180_000L);
    assertThat(register).isBetween(120_000L, 180_000L);
    assertThat(endpoint).isBetween(30_000L, 60_000L);
    assertThat(pass).isBetween(30_000L, 40_000L);
    assertThat(fail).isBetween(pass, pass + 3_000L);
  }

  @Test
  void registrationRefusalsAndTheExitPathEachNameTheirReason() {
    Ed25519.KeyPair key = Ed25519.KeyPair.fromSeed(h("exit node").toArray());
    Bytes32 id = Bytes32.of32(key.publicKey());
    assertThatThrownBy(
            () ->
                raw(
                    ALICE,
                    RegistryAbi.REGISTER_NODE.encodeCall(
                        Bytes32.ZERO, "127.0.0.1:1", Bytes.wrap(new byte[64])),
                    RegistryAbi.NODE_DEPOSIT))
        .hasMessageContaining("StorageRegistry: zero node id");
    assertThatThrownBy(
            () ->
                raw(
                    ALICE,
                    RegistryAbi.REGISTER_NODE.encodeCall(id, "", Bytes.wrap(new byte[64])),
                    RegistryAbi.NODE_DEPOSIT))
        .hasMessageContaining("StorageRegistry: endpoint length");
    assertThatThrownBy(
            () ->
                raw(
                    ALICE,
                    RegistryAbi.REGISTER_NODE.encodeCall(
                        id, "1".repeat(256), Bytes.wrap(new byte[64])),
                    RegistryAbi.NODE_DEPOSIT))
        .hasMessageContaining("StorageRegistry: endpoint length");
    assertThatThrownBy(() -> raw(ALICE, registration(key, "127.0.0.1:7300", ALICE)))
        .hasMessageContaining("StorageRegistry: registration needs a deposit of NODE_DEPOSIT");
    raw(ALICE, registration(key, "127.0.0.1:7300", ALICE), RegistryAbi.NODE_DEPOSIT);
    assertThatThrownBy(
            () -> raw(BOB, registration(key, "127.0.0.1:7301", BOB), RegistryAbi.NODE_DEPOSIT))
        .hasMessageContaining("StorageRegistry: node registered by another account");
    assertThatThrownBy(() -> raw(ALICE, RegistryAbi.WITHDRAW_DEPOSIT.encodeCall(id)))
        .hasMessageContaining("StorageRegistry: node has not deregistered");
    assertThatThrownBy(() -> raw(BOB, RegistryAbi.DEREGISTER_NODE.encodeCall(id)))
        .hasMessageContaining("StorageRegistry: only the node's owner deregisters it");
    raw(ALICE, RegistryAbi.DEREGISTER_NODE.encodeCall(id));
    assertThatThrownBy(() -> raw(ALICE, RegistryAbi.DEREGISTER_NODE.encodeCall(id)))
        .hasMessageContaining("StorageRegistry: node not registered");
    assertThatThrownBy(() -> raw(ALICE, registration(key, "127.0.0.1:7300", ALICE)))
        .hasMessageContaining("StorageRegistry: node is leaving; withdraw its deposit first");
    assertThatThrownBy(() -> raw(BOB, RegistryAbi.WITHDRAW_DEPOSIT.encodeCall(id)))
        .hasMessageContaining("StorageRegistry: only the node's owner withdraws");
    assertThatThrownBy(() -> raw(ALICE, RegistryAbi.WITHDRAW_DEPOSIT.encodeCall(id)))
        .hasMessageContaining("StorageRegistry: deposit still locked");
    assertThatThrownBy(() -> raw(BOB, RegistryAbi.setAuditor(BOB.address())))
        .hasMessageContaining("StorageRegistry: only the owner sets the auditor");
  }

  @Test
  void onlyTheNodesOwnerCommitsOneReplicaPerShardOfARecordedFile() {
    Submission file = new Submission(h("file"), 5000, 6, 3, h("commitment"), Bytes32.ZERO);
    owner.submit(file);
    Ed25519.KeyPair key = Ed25519.KeyPair.fromSeed(h("replica node").toArray());
    owner.registerNode(key, "127.0.0.1:7100");
    Bytes32 node = Bytes32.of32(key.publicKey());
    ReplicaRecord r = new ReplicaRecord(node, file.fileRoot(), 2, h("replica root"));

    assertThatThrownBy(() -> stranger.commitReplica(r))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("StorageRegistry: only the node's owner commits its replicas");
    assertThat(owner.replicaRoot(node, file.fileRoot(), 2)).isEmpty();

    owner.commitReplica(r);
    owner.commitReplica(r); // already there: nothing is sent
    assertThat(stranger.replicaRoot(node, file.fileRoot(), 2)).contains(h("replica root"));
    assertThat(owner.replicaRoot(node, file.fileRoot(), 3)).isEmpty();

    ReplicaRecord other = new ReplicaRecord(node, file.fileRoot(), 2, h("another root"));
    assertThatThrownBy(() -> owner.commitReplica(other))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already committed replica");
    assertThatThrownBy(() -> commitRaw(ACCOUNTS.get(0), other))
        .hasMessageContaining("StorageRegistry: another replica is committed for this shard");
    assertThatThrownBy(
            () -> commitRaw(ACCOUNTS.get(0), new ReplicaRecord(node, h("nope"), 0, h("x"))))
        .hasMessageContaining("StorageRegistry: unknown file");
    assertThatThrownBy(
            () -> commitRaw(ACCOUNTS.get(0), new ReplicaRecord(node, file.fileRoot(), 9, h("x"))))
        .hasMessageContaining("StorageRegistry: no such shard");
    assertThatThrownBy(
            () ->
                commitRaw(
                    ACCOUNTS.get(0), new ReplicaRecord(node, file.fileRoot(), 4, Bytes32.ZERO)))
        .hasMessageContaining("StorageRegistry: zero replica root");
    assertThatThrownBy(
            () ->
                commitRaw(
                    ACCOUNTS.get(0), new ReplicaRecord(h("no node"), file.fileRoot(), 4, h("x"))))
        .hasMessageContaining("StorageRegistry: only the node's owner commits its replicas");

    TxReceipt first =
        commitRaw(ACCOUNTS.get(0), new ReplicaRecord(node, file.fileRoot(), 6, h("6")));
    System.out.println("commitReplica gas: " + first.gasUsed());
    assertThat(first.gasUsed()).isBetween(21_000L, 70_000L);

    // A node that left the node set commits nothing more, though its owner still holds the id.
    owner.deregisterNode(node);
    assertThatThrownBy(
            () -> commitRaw(ACCOUNTS.get(0), new ReplicaRecord(node, file.fileRoot(), 5, h("y"))))
        .hasMessageContaining("StorageRegistry: unknown node");
  }
}
