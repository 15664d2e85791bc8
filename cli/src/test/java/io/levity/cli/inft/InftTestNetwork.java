package io.levity.cli.inft;

import io.levity.cli.node.OneValidatorChain;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import io.levity.inft.InftAbi;
import io.levity.inft.InftContract;
import io.levity.inft.InftNetwork;
import io.levity.inft.InftTypedData;
import io.levity.inft.crypto.EncryptionKeyPair;
import io.levity.inft.oracle.AgentRunner;
import io.levity.inft.oracle.OracleServer;
import io.levity.inft.oracle.ReEncryptionOracle;
import io.levity.inft.oracle.RocksDbOracleKeystore;
import io.levity.inft.oracle.RpcInftChainView;
import io.levity.inft.oracle.StorageDataStore;
import io.levity.node.keys.DevAccounts;
import io.levity.node.runtime.Devnet;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.tx.ReceiptWaiter;
import io.levity.sdk.tx.TxRequest;
import io.levity.sdk.tx.Wallet;
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
  final RocksDbOracleKeystore keystore;
  final OracleServer oracle;
  final InftNetwork network;
  private final ReceiptWaiter receipts;

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
    receipts = ReceiptWaiter.of(rpc, Duration.ofSeconds(60), Duration.ofMillis(20));
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
    Wallet deployer = new Wallet(rpc, admin);
    Address registry =
        deploy(
            deployer,
            InftContract.ORACLE_REGISTRY.deployment(
                InftAbi.constructorArguments(InftAbi.REGISTRY_CONSTRUCTOR, admin.address())));
    Address software = deploy(deployer, InftContract.SOFTWARE_ATTESTATION.creationCode());
    Address verifier =
        deploy(
            deployer,
            InftContract.DATA_VERIFIER.deployment(
                InftAbi.constructorArguments(InftAbi.VERIFIER_CONSTRUCTOR, registry)));
    Address nft =
        deploy(
            deployer,
            InftContract.AGENT_NFT.deployment(
                InftAbi.constructorArguments(
                    InftAbi.NFT_CONSTRUCTOR, "Levity Agents", "AGENT", verifier)));
    Address market =
        deploy(
            deployer,
            InftContract.AGENT_MARKET.deployment(
                InftAbi.constructorArguments(
                    InftAbi.MARKET_CONSTRUCTOR, admin.address(), 250, admin.address())));
    call(deployer, registry, InftAbi.SET_CHECKER_ACCEPTED.encodeCall(software, true));
    long chainId = Devnet.CHAIN_ID;
    Bytes evidence =
        InftTypedData.sign(
            oracleKey,
            InftTypedData.softwareAttestationHash(chainId, registry, oracleKey.address()));
    call(
        deployer,
        registry,
        InftAbi.REGISTER_ORACLE.encodeCall(oracleKey.address(), software, evidence));

    keystore =
        RocksDbOracleKeystore.open(
            dir.resolve("oracle").resolve("keystore"),
            RocksDbOracleKeystore.wrapKeyOf(oracleKey),
            RANDOM);
    ReEncryptionOracle core =
        new ReEncryptionOracle(
            oracleKey,
            EncryptionKeyPair.derive(oracleKey),
            new RpcInftChainView(rpc, nft, market, chainId),
            new StorageDataStore(storageClient, dir.resolve("oracle").resolve("work")),
            keystore,
            AgentRunner.DIGEST,
            TimeSource.system(),
            RANDOM,
            ReEncryptionOracle.Config.defaults());
    oracle = new OracleServer(core, OracleServer.Config.loopback(0));
    int port = oracle.start();
    network =
        new InftNetwork(
            chainId,
            rpcUrl,
            nft,
            verifier,
            registry,
            market,
            URI.create("http://127.0.0.1:" + port),
            oracleKey.address(),
            storage.networkFile());
  }

  private Address deploy(Wallet from, Bytes initcode) {
    return from.sendAndWait(TxRequest.deploy(initcode), receipts)
        .contractAddress()
        .orElseThrow(() -> new IllegalStateException("no contract address"));
  }

  private void call(Wallet from, Address to, Bytes data) {
    from.sendAndWait(TxRequest.call(to, data), receipts);
  }

  @Override
  public void close() {
    if (oracle != null) oracle.close();
    if (keystore != null) keystore.close();
    if (storageClient != null) storageClient.close();
    if (storage != null) storage.close();
    if (chain != null) chain.close();
  }
}
