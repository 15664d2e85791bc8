package io.levity.cli.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.cli.node.OneValidatorChain;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.node.keys.DevAccounts;
import io.levity.node.runtime.Devnet;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.TxReceipt;
import io.levity.sdk.tx.ReceiptWaiter;
import io.levity.sdk.tx.TxRequest;
import io.levity.sdk.tx.Wallet;
import io.levity.storage.chain.ReplicaRecord;
import io.levity.storage.chain.Submission;
import io.levity.storage.chain.rpc.RegistryAbi;
import io.levity.storage.chain.rpc.RegistryException;
import io.levity.storage.chain.rpc.RpcStorageChain;
import io.levity.storage.chain.rpc.StorageRegistryCode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry's replica commitments (sealed proofs of storage) against a real in-process Levity
 * chain, as in {@link RpcStorageChainIT}: only the node's owner commits, once per shard, for a
 * recorded file, shard and node; every refusal is the registry's own revert.
 */
class RpcReplicaCommitIT {
  private static final List<Secp256k1.KeyPair> ACCOUNTS = DevAccounts.dev(2);
  private static OneValidatorChain devChain;
  private static URI rpcUrl;
  private static RpcStorageChain owner;
  private static RpcStorageChain stranger;

  @BeforeAll
  static void startChain() throws Exception {
    devChain =
        OneValidatorChain.start(
            ACCOUNTS,
            g ->
                Devnet.withContract(
                    g,
                    RpcStorageChain.DEVNET_REGISTRY,
                    StorageRegistryCode.runtimeCode(),
                    StorageRegistryCode.genesisStorage(
                        ACCOUNTS.get(0).address(), ACCOUNTS.get(0).address())));
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

  /** Sends {@code commitReplica} straight to the registry from {@code from} (no pre-checks). */
  private static TxReceipt commitRaw(Secp256k1.KeyPair from, ReplicaRecord r) {
    EthRpc rpc = EthRpc.connect(rpcUrl, Duration.ofSeconds(5));
    return new Wallet(rpc, from)
        .sendAndWait(
            TxRequest.call(
                RpcStorageChain.DEVNET_REGISTRY,
                RegistryAbi.COMMIT_REPLICA.encodeCall(
                    r.nodeId(), r.fileRoot(), r.shardIndex(), r.replicaRoot())),
            ReceiptWaiter.of(rpc, Duration.ofSeconds(60), Duration.ofMillis(50)));
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
