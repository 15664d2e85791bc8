package io.levity.cli.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.sdk.Contract;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.TxReceipt;
import io.levity.sdk.tx.TransactionFailedException;
import io.levity.storage.chain.NodeRegistration;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import io.levity.storage.chain.rpc.RegistryAbi;
import io.levity.storage.chain.rpc.RegistryException;
import io.levity.storage.chain.rpc.RpcStorageChain;
import io.levity.storage.chain.rpc.StorageRegistryCode;
import io.levity.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The storage registry adapter against a real in-process Levity chain ({@link RegistryFixture}):
 * the registry in genesis, files and their conflicts, node registration, ownership, signatures and
 * deposits, and a registry deployed by a transaction. Epochs and proof results: {@link
 * RpcProofRecordsIT}.
 */
class RpcStorageChainIT extends RegistryFixture {
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
}
