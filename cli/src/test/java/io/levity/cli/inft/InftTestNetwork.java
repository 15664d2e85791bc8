package io.levity.cli.inft;

import io.levity.cli.node.ChainWithStorage;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import io.levity.inft.InftDeployer;
import io.levity.inft.InftNetwork;
import io.levity.inft.oracle.OracleService;
import io.levity.node.keys.DevAccounts;
import io.levity.node.runtime.Devnet;
import io.levity.sdk.rpc.EthRpc;
import io.levity.storage.client.StorageClient;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

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

  final ChainWithStorage base;
  final EthRpc rpc;
  final StorageClient storageClient;
  final OracleService oracle;
  final InftNetwork network;

  InftTestNetwork(Path dir) throws Exception {
    base = new ChainWithStorage(dir, ACCOUNTS, ACCOUNTS.get(0));
    rpc = base.rpc;
    storageClient = base.storageClient;
    URI rpcUrl = base.chain.rpcUrl();

    Secp256k1.KeyPair admin = ACCOUNTS.get(1);
    Secp256k1.KeyPair oracleKey = ACCOUNTS.get(2);
    InftDeployer.Deployment d =
        new InftDeployer(rpc, admin, Duration.ofSeconds(60)).deploy(oracleKey);
    oracle =
        OracleService.start(
            new OracleService.Config(
                oracleKey, rpcUrl, d.nft(), d.market(), dir.resolve("oracle"), 0),
            base.client(dir.resolve("oracle-work")),
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
            base.storage.networkFile());
  }

  @Override
  public void close() {
    if (oracle != null) oracle.close();
    if (base != null) base.close();
  }
}
