package io.levity.cli.storage;

import io.levity.cli.node.OneValidatorChain;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.node.keys.DevAccounts;
import io.levity.node.runtime.ValidatorNode;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.TxReceipt;
import io.levity.sdk.tx.ReceiptWaiter;
import io.levity.sdk.tx.TxRequest;
import io.levity.sdk.tx.Wallet;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import io.levity.storage.chain.rpc.RegistryAbi;
import io.levity.storage.chain.rpc.RpcStorageChain;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One validator in this JVM (RocksDB in memory, real consensus, block execution and JSON-RPC over
 * loopback HTTP) whose genesis holds the storage registry at the devnet address, as the devnet's
 * does, and the adapters and helpers the registry ITs share. Here in the CLI's tests because it
 * needs both the node and storage, and storage does not depend on the node.
 */
abstract class RegistryFixture {
  static final List<Secp256k1.KeyPair> ACCOUNTS = DevAccounts.dev(2);
  static OneValidatorChain devChain;
  static ValidatorNode node;
  static URI rpcUrl;
  static RpcStorageChain chain;

  /** The same registry, writing from dev account 1. */
  static RpcStorageChain other;

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

  static Bytes32 h(String s) {
    return Keccak.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A storage node's Ed25519 key, from a label. */
  static Ed25519.KeyPair nodeKey(String label) {
    return Ed25519.KeyPair.fromSeed(h("node key " + label).toArray());
  }

  /** Registers the node of {@code label}'s key at {@code endpoint} through {@code via}; its id. */
  static Bytes32 registered(RpcStorageChain via, String label, String endpoint) {
    Ed25519.KeyPair key = nodeKey(label);
    via.registerNode(key, endpoint);
    return record(key, endpoint).nodeId();
  }

  static StorageNodeRecord record(Ed25519.KeyPair key, String endpoint) {
    return new StorageNodeRecord(Bytes32.of32(key.publicKey()), endpoint);
  }

  /**
   * Registers straight at the registry from {@code from}, with the deposit; the gas is estimated,
   * so a registration the registry refuses fails with its revert reason and sends nothing.
   */
  static TxReceipt registerRaw(Secp256k1.KeyPair from, StorageNodeRecord n, Bytes signature) {
    EthRpc rpc = EthRpc.connect(rpcUrl, Duration.ofSeconds(5));
    return new Wallet(rpc, from)
        .sendAndWait(
            TxRequest.call(RpcStorageChain.DEVNET_REGISTRY, RegistryAbi.registerNode(n, signature))
                .withValue(RegistryAbi.NODE_DEPOSIT),
            ReceiptWaiter.of(rpc, Duration.ofSeconds(60), Duration.ofMillis(50)));
  }

  static Submission file(String label) {
    return new Submission(
        h("file " + label), 1000 + label.length(), 6, 3, h("commitment " + label), Bytes32.ZERO);
  }

  /**
   * Sends call data to the registry from dev account 0 with a fixed gas limit (no estimate to stop
   * a transaction that fails on chain) and waits for it.
   */
  static TxReceipt sendRaw(Bytes data, long gasLimit) {
    return sendRaw(data, gasLimit, ACCOUNTS.get(0));
  }

  static TxReceipt sendRaw(Bytes data, long gasLimit, Secp256k1.KeyPair from) {
    EthRpc rpc = EthRpc.connect(rpcUrl, Duration.ofSeconds(5));
    return new Wallet(rpc, from)
        .sendAndWait(
            TxRequest.call(RpcStorageChain.DEVNET_REGISTRY, data).withGasLimit(gasLimit),
            ReceiptWaiter.of(rpc, Duration.ofSeconds(60), Duration.ofMillis(50)));
  }
}
