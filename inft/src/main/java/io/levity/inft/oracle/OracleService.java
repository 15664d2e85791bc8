package io.levity.inft.oracle;

import io.levity.core.bytes.Address;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import io.levity.inft.crypto.EncryptionKeyPair;
import io.levity.sdk.rpc.EthRpc;
import io.levity.storage.client.StorageClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The re-encryption oracle as one running service: its RocksDB keystore (under {@code
 * DATA/keystore}, data keys wrapped under a key derived from the signing key), the core over the
 * chain and the storage network, and its HTTP server on 127.0.0.1. What {@code levity inft oracle}
 * and {@code levity devnet} start; closing it closes all of them and the storage client it was
 * given.
 */
public final class OracleService implements AutoCloseable {
  /**
   * Where the oracle works.
   *
   * @param signer its key: the registered oracle address; its encryption key derives from it
   * @param rpc the chain's JSON-RPC
   * @param agentNft the AgentNFT it serves
   * @param market the AgentMarket whose listings it honours ({@link Address#ZERO}: none)
   * @param dataDir its keystore and scratch space
   * @param port the HTTP port on 127.0.0.1; 0 picks a free one
   * @param executors who may run agents for their authorized users ({@link AgentExecutors#NONE}:
   *     nobody)
   */
  public record Config(
      Secp256k1.KeyPair signer,
      URI rpc,
      Address agentNft,
      Address market,
      Path dataDir,
      int port,
      AgentExecutors executors) {
    /** An oracle that hands agents to no executor. */
    public Config(
        Secp256k1.KeyPair signer,
        URI rpc,
        Address agentNft,
        Address market,
        Path dataDir,
        int port) {
      this(signer, rpc, agentNft, market, dataDir, port, AgentExecutors.NONE);
    }

    public Config {
      Objects.requireNonNull(executors, "executors");
      Objects.requireNonNull(signer, "signer");
      Objects.requireNonNull(rpc, "rpc");
      Objects.requireNonNull(agentNft, "agentNft");
      Objects.requireNonNull(market, "market");
      Objects.requireNonNull(dataDir, "dataDir");
      if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port);
    }
  }

  private final Config config;
  private final StorageClient storage;
  private final RocksDbOracleKeystore keystore;
  private final OracleServer server;
  private final int port;

  private OracleService(
      Config config, StorageClient storage, RocksDbOracleKeystore keystore, OracleServer server)
      throws InterruptedException {
    this.config = config;
    this.storage = storage;
    this.keystore = keystore;
    this.server = server;
    this.port = server.start();
  }

  /**
   * Opens the keystore, builds the oracle over {@code storage} and serves it. On a failure
   * everything opened so far is closed again, {@code storage} included.
   */
  public static OracleService start(Config config, StorageClient storage, TimeSource time)
      throws IOException, InterruptedException {
    SecureRandom random = new SecureRandom();
    RocksDbOracleKeystore keystore = null;
    OracleServer server = null;
    try {
      EthRpc eth = EthRpc.connect(config.rpc(), java.time.Duration.ofSeconds(30));
      keystore =
          RocksDbOracleKeystore.open(
              config.dataDir().resolve("keystore"),
              RocksDbOracleKeystore.wrapKeyOf(config.signer()),
              random);
      ReEncryptionOracle core =
          new ReEncryptionOracle(
              config.signer(),
              EncryptionKeyPair.derive(config.signer()),
              new RpcInftChainView(eth, config.agentNft(), config.market(), eth.chainId()),
              new StorageDataStore(storage, config.dataDir().resolve("work")),
              keystore,
              AgentRunner.DIGEST,
              config.executors(),
              time,
              random,
              ReEncryptionOracle.Config.defaults());
      server = new OracleServer(core, OracleServer.Config.loopback(config.port()));
      return new OracleService(config, storage, keystore, server);
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (server != null) server.close();
      if (keystore != null) keystore.close();
      storage.close();
      throw e;
    }
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** Its URL: {@code http://127.0.0.1:PORT}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The oracle's address (the key registered in the oracle registry). */
  public Address address() {
    return config.signer().address();
  }

  @Override
  public void close() {
    server.close();
    keystore.close();
    storage.close();
  }
}
