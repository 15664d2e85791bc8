package io.levity.cli.inft;

import io.levity.cli.node.OneValidatorChain;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import io.levity.inft.InftDeployer;
import io.levity.inft.InftNetwork;
import io.levity.inft.oracle.OracleService;
import io.levity.node.keys.DevAccounts;
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
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything an iNFT needs, real and in this JVM: one validator (RocksDB in memory, consensus,
 * JSON-RPC on loopback) with the storage registry in genesis; nine storage nodes registered on it;
 * the iNFT contracts deployed by transaction (registry, software attestation, verifier, AgentNFT,
 * market) and the oracle admitted; the oracle serving HTTP on loopback. Accounts: 0 pays for
 * storage, 1 is the admin, 2 the oracle, 3 and up the users.
 */
final class InftTestNetwork implements AutoCloseable {
  static final List<Secp256k1.KeyPair> ACCOUNTS = DevAccounts.dev(11);
  static final SecureRandom RANDOM = new SecureRandom();

  final OneValidatorChain chain;
  final EthRpc rpc;
  final StorageDevnet storage;
  final StorageClient storageClient;
  final OracleService oracle;
  final InftNetwork network;

  InftTestNetwork(Path dir) throws Exception {
    Secp256k1.KeyPair payer = ACCOUNTS.get(0);
    chain =
        OneValidatorChain.start(
            ACCOUNTS,
            g ->
                Devnet.withContract(
                    g,
                    RpcStorageChain.DEVNET_REGISTRY,
                    StorageRegistryCode.runtimeCode(),
                    StorageRegistryCode.genesisStorage(payer.address(), payer.address())));
    URI rpcUrl = chain.rpcUrl();
    rpc = EthRpc.connect(rpcUrl, Duration.ofSeconds(10));
    RpcStorageChain storageChain =
        new RpcStorageChain(RpcStorageChain.Config.devnet(rpcUrl, payer));
    storage =
        StorageDevnet.start(
            dir,
            9,
            0,
            storageChain,
            new NetworkFile.RpcChain(
                rpcUrl.toString(), "devnet", Map.of("privateKey", payer.privateKey().toHex())));
    storageClient =
        new StorageClient(
            storageChain,
            new HttpNodeClient(),
            ReedSolomon.create(6, 3),
            StorageClient.Config.defaults().withWorkDir(dir.resolve("client-work")));

    Secp256k1.KeyPair admin = ACCOUNTS.get(1);
    Secp256k1.KeyPair oracleKey = ACCOUNTS.get(2);
    InftDeployer.Deployment d =
        new InftDeployer(rpc, admin, Duration.ofSeconds(60)).deploy(oracleKey);
    oracle =
        OracleService.start(
            new OracleService.Config(
                oracleKey, rpcUrl, d.nft(), d.market(), dir.resolve("oracle"), 0),
            new StorageClient(
                storageChain,
                new HttpNodeClient(),
                ReedSolomon.create(6, 3),
                StorageClient.Config.defaults().withWorkDir(dir.resolve("oracle-work"))),
            TimeSource.system());
    network =
        new InftNetwork(
            Devnet.CHAIN_ID,
            rpcUrl,
            d.nft(),
            d.verifier(),
            d.registry(),
            d.market(),
            oracle.url(),
            oracleKey.address(),
            storage.networkFile());
  }

  @Override
  public void close() {
    if (oracle != null) oracle.close();
    if (storageClient != null) storageClient.close();
    if (storage != null) storage.close();
    if (chain != null) chain.close();
  }
}
