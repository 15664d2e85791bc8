package io.levity.cli.node;

import io.levity.core.crypto.Secp256k1;
import io.levity.node.runtime.Devnet;
import io.levity.sdk.rpc.EthRpc;
import io.levity.storage.chain.rpc.RpcStorageChain;
import io.levity.storage.chain.rpc.StorageRegistryCode;
import io.levity.storage.client.HttpNodeClient;
import io.levity.storage.client.StorageClient;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.node.NetworkFile;
import io.levity.storage.node.StorageDevnet;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A chain and a storage network, real and in this JVM, for the layers above them: one validator
 * (RocksDB in memory, consensus, JSON-RPC on loopback) with the storage registry in genesis, and
 * nine storage nodes (Reed-Solomon 6+3) registered on it, paid for by {@code payer}.
 */
public final class ChainWithStorage implements AutoCloseable {
  public final OneValidatorChain chain;
  public final EthRpc rpc;
  public final RpcStorageChain storageChain;
  public final StorageDevnet storage;
  public final StorageClient storageClient;

  public ChainWithStorage(Path dir, List<Secp256k1.KeyPair> accounts, Secp256k1.KeyPair payer)
      throws Exception {
    chain =
        OneValidatorChain.start(
            accounts,
            g ->
                Devnet.withContract(
                    g,
                    RpcStorageChain.DEVNET_REGISTRY,
                    StorageRegistryCode.runtimeCode(),
                    StorageRegistryCode.genesisStorage(payer.address(), payer.address())));
    URI rpcUrl = chain.rpcUrl();
    rpc = EthRpc.connect(rpcUrl, Duration.ofSeconds(10));
    storageChain = new RpcStorageChain(RpcStorageChain.Config.devnet(rpcUrl, payer));
    storage =
        StorageDevnet.start(
            dir,
            9,
            0,
            storageChain,
            new NetworkFile.RpcChain(
                rpcUrl.toString(), "devnet", Map.of("privateKey", payer.privateKey().toHex())));
    storageClient = client(dir.resolve("client-work"));
  }

  /** Another client of the storage network, staging files in {@code work}. */
  public StorageClient client(Path work) {
    return new StorageClient(
        storageChain,
        new HttpNodeClient(),
        ReedSolomon.create(6, 3),
        StorageClient.Config.defaults().withWorkDir(work));
  }

  @Override
  public void close() {
    if (storageClient != null) storageClient.close();
    if (storage != null) storage.close();
    if (chain != null) chain.close();
  }
}
