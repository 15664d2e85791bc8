package io.levity.cli.node;

import io.levity.cli.options.NewChain;
import io.levity.compute.ComputeNetwork;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.MarketParameters;
import io.levity.compute.training.TrainingJobsClient;
import io.levity.core.bytes.Address;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import io.levity.execution.block.Genesis;
import io.levity.inft.InftDeployer;
import io.levity.inft.InftNetwork;
import io.levity.inft.oracle.AgentExecutors;
import io.levity.inft.oracle.OracleService;
import io.levity.node.p2p.PeerAddress;
import io.levity.node.rpc.RpcServerConfig;
import io.levity.node.runtime.Devnet;
import io.levity.node.runtime.ValidatorConfig;
import io.levity.node.runtime.ValidatorNode;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.tx.Wallet;
import io.levity.storage.chain.rpc.RpcStorageChain;
import io.levity.storage.chain.rpc.StorageRegistryCode;
import io.levity.storage.client.HttpNodeClient;
import io.levity.storage.client.ProofAuditor;
import io.levity.storage.client.StorageClient;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.node.NetworkFile;
import io.levity.storage.node.StorageDevnet;
import io.levity.storage.proof.EpochChallenger;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The validators of {@code levity devnet} in this process, each with its own RocksDB under {@code
 * DIR/nodeN}, connected over loopback p2p sockets; node 0 serves JSON-RPC and metrics. Optionally
 * the devnet's storage network on its own chain. {@link #close} (idempotent, safe from a shutdown
 * hook) stops storage first, then the validators.
 */
final class LocalDevnet implements AutoCloseable {
  /**
   * The devnet's JSON-RPC limits: the defaults with ten times the request rate (50,000 cost units a
   * second per client address, about 25,000 eth_sendRawTransaction calls). It listens on 127.0.0.1
   * only, where every local tool shares one client address, and a benchmark at the devnet's own
   * throughput was turned away by the public default (5,000 a second).
   */
  static final RpcServerConfig DEVNET_RPC = RpcServerConfig.DEFAULT.withRate(50_000, 100_000);

  /**
   * The devnet's storage operator: registers the storage nodes, records submissions for clients
   * that use the devnet network file, and records proof-of-storage results. Derived from a public
   * label: devnet only.
   */
  static final Secp256k1.KeyPair STORAGE_OPERATOR =
      Secp256k1.KeyPair.fromPrivate(
          Keccak.hash("levity-devnet-storage-operator".getBytes(StandardCharsets.UTF_8)));

  /**
   * Pays for the submissions of clients that use the devnet's storage network file (and so of
   * {@code levity storage upload}): kept apart from the operator, whose storage nodes commit
   * replica roots at the same time, so the two never race for one account's nonces. Devnet only.
   */
  static final Secp256k1.KeyPair STORAGE_CLIENT = devKey("levity-devnet-storage-client");

  /** Deploys the iNFT contracts, administers the oracle registry and the market. Devnet only. */
  static final Secp256k1.KeyPair INFT_ADMIN = devKey("levity-devnet-inft-admin");

  /**
   * The devnet's re-encryption oracle: admitted with a software attestation, which is trust in this
   * key, derived from a public label. Devnet only: anyone can read what it protects.
   */
  static final Secp256k1.KeyPair INFT_ORACLE = devKey("levity-devnet-inft-oracle");

  static Secp256k1.KeyPair devKey(String label) {
    return Secp256k1.KeyPair.fromPrivate(Keccak.hash(label.getBytes(StandardCharsets.UTF_8)));
  }

  private final Path dir;
  private final List<ValidatorNode> nodes = new ArrayList<>();
  private final List<AutoCloseable> storage = new ArrayList<>();
  private int[] rpcPorts;
  private int metricsPort;
  private volatile boolean chatRunsAgents;

  private LocalDevnet(Path dir) {
    this.dir = dir;
  }

  /**
   * Starts the validators of {@code chain}, genesis funding {@code devAccounts}, on {@code ports}
   * with data in {@code dir}; a validator that halts is reported to {@code onHalt}. Everything
   * started is closed again if a step fails.
   */
  static LocalDevnet start(
      NewChain chain,
      List<Address> devAccounts,
      Path dir,
      DevnetPorts.Values ports,
      Consumer<String> onHalt)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    if (Files.exists(dir.resolve("epoch"))) {
      throw new IllegalStateException(
          dir
              + " was written by an older Levity (one consensus epoch per run);"
              + " start over with --reset");
    }
    LocalDevnet devnet = new LocalDevnet(dir);
    try {
      devnet.startValidators(chain, genesis(chain, devAccounts), ports, onHalt);
      return devnet;
    } catch (InterruptedException | RuntimeException e) {
      devnet.close();
      throw e;
    }
  }

  /** The dev accounts genesis funds, and the storage registry contract at its fixed address. */
  private static Genesis genesis(NewChain chain, List<Address> devAccounts) {
    List<Address> funded = new ArrayList<>(devAccounts);
    funded.add(STORAGE_OPERATOR.address());
    funded.add(STORAGE_CLIENT.address());
    funded.add(INFT_ADMIN.address());
    funded.add(INFT_ORACLE.address());
    funded.add(DevnetUser.DA_KEY.address());
    for (int i = 0; i < DevnetDa.MAX_NODES; i++) funded.add(DevnetDa.operator(i).address());
    // The storage registry contract sits at a fixed address from block 0 (docs/storage-proofs.md);
    // the storage operator, whose key runs the proof auditor, owns it and is its auditor.
    return Devnet.withContract(
        Devnet.genesis(chain.chainId(), funded, NewChain.ETHER_EACH, chain.gasLimit()),
        RpcStorageChain.DEVNET_REGISTRY,
        StorageRegistryCode.runtimeCode(),
        StorageRegistryCode.genesisStorage(STORAGE_OPERATOR.address(), STORAGE_OPERATOR.address()));
  }

  private void startValidators(
      NewChain chain, Genesis genesis, DevnetPorts.Values ports, Consumer<String> onHalt)
      throws InterruptedException {
    List<Ed25519.KeyPair> validatorKeys = Devnet.validatorKeys(chain.validators());
    long blockTime = chain.blockTimeMillis();
    for (int i = 0; i < chain.validators(); i++) {
      int port = ports.firstP2p() == 0 ? 0 : ports.firstP2p() + i;
      ValidatorNode v =
          new ValidatorNode(
              ValidatorConfig.of(
                  i,
                  dir.resolve("node" + i),
                  genesis,
                  validatorKeys,
                  port,
                  blockTime,
                  Math.max(1_000, 3 * blockTime)));
      int index = i;
      v.onFatal(t -> onHalt.accept("validator " + index + " halted: " + t));
      synchronized (this) {
        nodes.add(v);
      }
    }
    // Validators that stopped a block or two apart catch up by block sync once connected.
    List<PeerAddress> addresses = new ArrayList<>();
    for (ValidatorNode v : nodes) addresses.add(new PeerAddress("127.0.0.1", v.start()));
    for (int i = 0; i < nodes.size(); i++) {
      List<PeerAddress> others = new ArrayList<>(addresses);
      others.remove(i);
      nodes.get(i).connect(others);
    }
    rpcPorts = nodes.get(0).serveRpc(ports.http(), ports.ws(), DEVNET_RPC);
    metricsPort = nodes.get(0).serveMetrics(ports.metrics());
  }

  /**
   * Starts {@code count} storage nodes on the devnet's own chain (the registry contract through
   * node 0's JSON-RPC) and a proof-of-storage auditor that challenges every stored shard once per
   * epoch and records the results on chain.
   */
  StorageDevnet startStorage(int count) throws IOException, InterruptedException {
    String url = "http://127.0.0.1:" + rpcPorts[0];
    RpcStorageChain chain =
        new RpcStorageChain(RpcStorageChain.Config.devnet(URI.create(url), STORAGE_OPERATOR));
    String clientKey = STORAGE_CLIENT.privateKey().toHex();
    StorageDevnet net =
        StorageDevnet.start(
            dir,
            count,
            0,
            chain,
            new NetworkFile.RpcChain(url, "devnet", Map.of("privateKey", clientKey)));
    synchronized (this) {
      storage.add(net);
      // Sealed challenges: the nodes seal their shards and commit the replica roots.
      storage.add(ProofAuditor.start(chain, net.networkFile(), EpochChallenger.Config.SEALED));
    }
    return net;
  }

  /**
   * Deploys the iNFT contracts (or, on a restart, finds them where {@code inft.json} says), starts
   * the re-encryption oracle on {@code oraclePort} over {@code storage}, and writes {@code
   * DIR/inft.json}, which every {@code levity inft} command finds by itself. The oracle admits the
   * devnet's chat provider as an agent executor (an allowlist of its address, known before anything
   * starts: the oracle starts before the inference market is deployed, and an allowlist does not
   * hand agents' data to providers users register themselves).
   */
  InftNetwork startInft(StorageDevnet storage, int oraclePort)
      throws IOException, InterruptedException {
    URI rpc = URI.create("http://127.0.0.1:" + rpcPorts[0]);
    EthRpc eth = EthRpc.connect(rpc, Duration.ofSeconds(30));
    Path file = dir.resolve("inft.json");
    InftNetwork previous = Files.isRegularFile(file) ? InftNetwork.read(file) : null;
    InftDeployer.Deployment d;
    if (previous != null && eth.getCode(previous.agentNft(), BlockTag.LATEST).size() > 0) {
      d =
          new InftDeployer.Deployment(
              previous.oracleRegistry(),
              Address.ZERO,
              previous.verifier(),
              previous.agentNft(),
              previous.market());
    } else {
      d = new InftDeployer(eth, INFT_ADMIN, Duration.ofSeconds(60)).deploy(INFT_ORACLE);
    }
    NetworkFile nf = NetworkFile.read(storage.networkFile());
    RpcStorageChain oracleChain =
        new RpcStorageChain(RpcStorageChain.Config.devnet(rpc, INFT_ORACLE));
    StorageClient client =
        new StorageClient(
            oracleChain,
            new HttpNodeClient(),
            ReedSolomon.create(nf.dataShards(), nf.parityShards()),
            StorageClient.Config.defaults()
                .withWorkDir(dir.resolve("inft-oracle").resolve("work")));
    OracleService oracle =
        OracleService.start(
            new OracleService.Config(
                INFT_ORACLE,
                rpc,
                d.nft(),
                d.market(),
                dir.resolve("inft-oracle"),
                oraclePort,
                AgentExecutors.allowlist(Set.of(DevnetMarket.CHAT_PROVIDER.address()))),
            client,
            TimeSource.system());
    synchronized (this) {
      this.storage.add(oracle);
    }
    InftNetwork network =
        new InftNetwork(
            eth.chainId(),
            rpc,
            d.nft(),
            d.verifier(),
            d.registry(),
            d.market(),
            oracle.url(),
            oracle.address(),
            Path.of("storage.json"));
    network.write(file);
    return network;
  }

  /**
   * Deploys the TrainingJobs and InferenceMarket contracts (or, on a restart, finds them where
   * {@code compute.json} says; the market with the devnet's parameters) and writes {@code
   * DIR/compute.json}, which every {@code levity ai} network command finds by itself.
   */
  ComputeNetwork startCompute() throws IOException {
    URI rpc = URI.create("http://127.0.0.1:" + rpcPorts[0]);
    EthRpc eth = EthRpc.connect(rpc, Duration.ofSeconds(30));
    Path file = dir.resolve("compute.json");
    ComputeNetwork previous = Files.isRegularFile(file) ? ComputeNetwork.read(file) : null;
    Address jobs =
        previous != null && eth.getCode(previous.trainingJobs(), BlockTag.LATEST).size() > 0
            ? previous.trainingJobs()
            : TrainingJobsClient.deploy(new Wallet(eth, INFT_ADMIN), Duration.ofSeconds(60));
    Address market =
        previous != null
                && previous.inferenceMarket().isPresent()
                && eth.getCode(previous.inferenceMarket().get(), BlockTag.LATEST).size() > 0
            ? previous.inferenceMarket().get()
            : InferenceMarketClient.deploy(
                new Wallet(eth, INFT_ADMIN), MarketParameters.devnet(), Duration.ofSeconds(60));
    ComputeNetwork network =
        new ComputeNetwork(eth.chainId(), rpc, jobs, Path.of("storage.json"))
            .withInferenceMarket(market)
            .asDevnet(true);
    network.write(file);
    return network;
  }

  /**
   * Starts the devnet's chat and embeddings providers and its auditor on {@code network}'s market
   * (the chat provider on {@code chatPort}, embeddings on the next; 0: free ports), funds {@code
   * user}'s sub-accounts with both, and names the providers in {@code DIR/compute.json}. With
   * {@code oracle} (the devnet's re-encryption oracle) the chat provider also runs iNFT agents.
   */
  ComputeNetwork startMarket(
      ComputeNetwork network,
      int chatPort,
      Optional<Secp256k1.KeyPair> user,
      Optional<URI> oracle,
      Consumer<String> log)
      throws IOException, InterruptedException {
    DevnetMarket market =
        DevnetMarket.start(
            network,
            dir.resolve("compute"),
            chatPort,
            chatPort == 0 ? 0 : chatPort + 1,
            user,
            oracle,
            log);
    synchronized (this) {
      this.storage.add(market);
    }
    chatRunsAgents = market.runsAgents();
    ComputeNetwork named =
        network
            .withProviders(
                Optional.of(market.chatProvider()), Optional.of(market.embeddingsProvider()))
            .asDevnet(true);
    named.write(dir.resolve("compute.json"));
    return named;
  }

  /** Deploys the DA contract and starts {@code count} DA nodes (see {@link DevnetDa}). */
  DevnetDa startDa(int count, int firstPort, Consumer<String> log)
      throws IOException, InterruptedException {
    DevnetDa da =
        DevnetDa.start(dir, URI.create("http://127.0.0.1:" + rpcPorts[0]), count, firstPort, log);
    synchronized (this) {
      storage.add(da);
    }
    return da;
  }

  /** Whether the devnet's chat provider runs iNFT agents (once the market started). */
  boolean chatRunsAgents() {
    return chatRunsAgents;
  }

  /** Node 0, which serves JSON-RPC. */
  ValidatorNode node0() {
    return nodes.get(0);
  }

  int httpPort() {
    return rpcPorts[0];
  }

  int wsPort() {
    return rpcPorts[1];
  }

  int metricsPort() {
    return metricsPort;
  }

  @Override
  public synchronized void close() {
    for (int i = storage.size() - 1; i >= 0; i--) {
      try {
        storage.get(i).close();
      } catch (Exception e) {
        System.err.println("devnet: closing storage failed: " + e);
      }
    }
    storage.clear();
    for (ValidatorNode v : nodes) {
      try {
        v.close();
      } catch (RuntimeException e) {
        System.err.println("devnet: closing a validator failed: " + e);
      }
    }
    nodes.clear();
  }
}
