package io.levity.cli.node;

import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Secp256k1;
import io.levity.execution.block.Block;
import io.levity.execution.block.Genesis;
import io.levity.node.keys.DevAccounts;
import io.levity.node.p2p.PeerAddress;
import io.levity.node.runtime.Devnet;
import io.levity.node.runtime.ValidatorConfig;
import io.levity.node.runtime.ValidatorNode;
import io.levity.storage.chain.rpc.RpcStorageChain;
import io.levity.storage.chain.rpc.StorageRegistryCode;
import io.levity.storage.client.ProofAuditor;
import io.levity.storage.node.NetworkFile;
import io.levity.storage.node.StorageDevnet;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code levity devnet}: a local chain of n validators in one process, with funded dev accounts and
 * JSON-RPC.
 */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a local development chain: n BFT validators in this process, each with its own RocksDB under",
      "DATA-DIR/nodeN, talking over loopback p2p sockets. Genesis funds the well-known dev accounts (mnemonic",
      "'test test ... junk'); node 0 serves JSON-RPC over HTTP and WebSocket. Running again resumes the stored",
      "chain; --reset starts over. Ctrl-C stops cleanly."
    })
public final class DevnetCommand implements Callable<Integer> {
  @Option(
      names = "--validators",
      description = "Number of validators (default: ${DEFAULT-VALUE}).",
      defaultValue = "4")
  int validators;

  @Option(
      names = "--http-port",
      description = "JSON-RPC HTTP port of node 0 (default: ${DEFAULT-VALUE}).",
      defaultValue = "8545")
  int httpPort;

  @Option(
      names = "--ws-port",
      description = "JSON-RPC WebSocket port of node 0 (default: ${DEFAULT-VALUE}).",
      defaultValue = "8546")
  int wsPort;

  @Option(
      names = "--metrics-port",
      description =
          "Prometheus metrics of node 0 at /metrics; 0 picks a free port"
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "9545")
  int metricsPort;

  @Option(
      names = "--p2p-port",
      description =
          "First p2p port; validator i listens on it + i; 0 picks free ports"
              + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  int p2pPort;

  @Option(
      names = "--data-dir",
      description = "Where the chain is kept (default: ${DEFAULT-VALUE}).",
      defaultValue = ".levity/devnet")
  Path dataDir;

  @Option(names = "--reset", description = "Delete the stored chain and start from genesis.")
  boolean reset;

  @Option(
      names = "--block-time",
      description = "Target block time in milliseconds (default: ${DEFAULT-VALUE}).",
      defaultValue = "1000")
  long blockTimeMillis;

  @Option(
      names = "--chain-id",
      description = "Chain id (default: ${DEFAULT-VALUE}).",
      defaultValue = "1337")
  long chainId;

  @Option(
      names = "--accounts",
      description = "Dev accounts to fund with 10000 ETH each (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int accounts;

  @Option(
      names = "--stop-after",
      description = "Stop after this many new blocks (0: run until Ctrl-C).",
      defaultValue = "0")
  long stopAfter;

  @Option(
      names = "--storage-nodes",
      description =
          "Storage nodes to run (k+m of the 6+3 code); 0: no storage"
              + " network (default: ${DEFAULT-VALUE}).",
      defaultValue = "9")
  int storageNodes;

  /**
   * The devnet's storage operator: registers the storage nodes, records submissions for clients
   * that use the devnet network file, and records proof-of-storage results. Derived from a public
   * label: devnet only.
   */
  static final Secp256k1.KeyPair STORAGE_OPERATOR =
      Secp256k1.KeyPair.fromPrivate(
          io.levity.core.crypto.Keccak.hash(
              "levity-devnet-storage-operator".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    if (validators < 1 || validators > 64)
      throw new IllegalArgumentException("--validators must be in 1..64");
    if (accounts < 1 || accounts > 1000)
      throw new IllegalArgumentException("--accounts must be in 1..1000");
    if (reset) deleteRecursively(dataDir);
    if (storageNodes < 0 || storageNodes > 64)
      throw new IllegalArgumentException("--storage-nodes must be in 0..64");
    List<Secp256k1.KeyPair> keys = DevAccounts.dev(accounts);
    List<io.levity.core.bytes.Address> funded =
        new ArrayList<>(keys.stream().map(Secp256k1.KeyPair::address).toList());
    funded.add(STORAGE_OPERATOR.address());
    // The storage registry contract sits at a fixed address from block 0 (docs/storage-proofs.md).
    Genesis genesis =
        Devnet.withContract(
            Devnet.genesis(chainId, funded, 10_000),
            RpcStorageChain.DEVNET_REGISTRY,
            StorageRegistryCode.runtimeCode());
    List<Ed25519.KeyPair> validatorKeys = Devnet.validatorKeys(validators);
    List<ValidatorNode> nodes = new ArrayList<>();
    List<AutoCloseable> storage = new ArrayList<>();
    Thread hook =
        new Thread(
            () -> {
              closeStorage(storage);
              closeAll(nodes);
            },
            "devnet-shutdown");
    try {
      Files.createDirectories(dataDir);
      if (Files.exists(dataDir.resolve("epoch"))) {
        throw new IllegalStateException(
            dataDir
                + " was written by an older Levity (one consensus epoch per run);"
                + " start over with --reset");
      }
      for (int i = 0; i < validators; i++) {
        int port = p2pPort == 0 ? 0 : p2pPort + i;
        ValidatorNode v =
            new ValidatorNode(
                ValidatorConfig.of(
                    i,
                    dataDir.resolve("node" + i),
                    genesis,
                    validatorKeys,
                    port,
                    blockTimeMillis,
                    Math.max(1_000, 3 * blockTimeMillis)));
        int index = i;
        v.onFatal(t -> System.err.println("devnet: validator " + index + " halted: " + t));
        nodes.add(v);
      }
      // Validators that stopped a block or two apart catch up by block sync once connected.
      List<PeerAddress> addresses = new ArrayList<>();
      for (ValidatorNode v : nodes) addresses.add(new PeerAddress("127.0.0.1", v.start()));
      for (int i = 0; i < nodes.size(); i++) {
        List<PeerAddress> others = new ArrayList<>(addresses);
        others.remove(i);
        nodes.get(i).connect(others);
      }
      int[] rpc = nodes.get(0).serveRpc(httpPort, wsPort);
      int metrics = nodes.get(0).serveMetrics(metricsPort);
      Runtime.getRuntime().addShutdownHook(hook);
      long start = nodes.get(0).head().number();
      printBanner(keys, rpc, metrics, start);
      if (storageNodes > 0) {
        out.println(
            "Starting " + storageNodes + " storage nodes (each registers itself on chain)...");
        out.flush();
        StorageDevnet storageNet = startStorage(rpc[0], storage);
        out.println(
            "Storage: "
                + storageNodes
                + " nodes (Reed-Solomon 6+3), registry "
                + RpcStorageChain.DEVNET_REGISTRY.toChecksumHex()
                + ", network file "
                + storageNet.networkFile()
                + " (levity storage upload FILE)");
        out.println();
        out.flush();
      }
      watch(nodes.get(0), start);
      return 0;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) { // already shutting down: the hook closes the nodes
        return 0;
      }
      closeStorage(storage);
      closeAll(nodes);
    }
  }

  /**
   * Starts the storage nodes on the devnet's own chain (the registry contract through node 0's
   * JSON-RPC) and a proof-of-storage auditor that challenges every stored shard once per epoch and
   * records the results on chain.
   */
  private StorageDevnet startStorage(int rpcPort, List<AutoCloseable> closeables) throws Exception {
    String url = "http://127.0.0.1:" + rpcPort;
    RpcStorageChain chain =
        new RpcStorageChain(RpcStorageChain.Config.devnet(URI.create(url), STORAGE_OPERATOR));
    String operatorKey = STORAGE_OPERATOR.privateKey().toHex();
    StorageDevnet net =
        StorageDevnet.start(
            dataDir,
            storageNodes,
            0,
            chain,
            new NetworkFile.RpcChain(url, "devnet", Map.of("privateKey", operatorKey)));
    closeables.add(net);
    closeables.add(ProofAuditor.start(chain, net.networkFile()));
    return net;
  }

  private static synchronized void closeStorage(List<AutoCloseable> storage) {
    for (int i = storage.size() - 1; i >= 0; i--) {
      try {
        storage.get(i).close();
      } catch (Exception e) {
        System.err.println("devnet: closing storage failed: " + e);
      }
    }
    storage.clear();
  }

  private void printBanner(List<Secp256k1.KeyPair> keys, int[] rpc, int metricsPort, long head) {
    out.println(
        "Levity devnet: "
            + validators
            + " validators, chain id "
            + chainId
            + (head == 0 ? ", new chain" : ", resumed at block " + head)
            + " (data in "
            + dataDir.toAbsolutePath()
            + ")");
    out.println("HTTP JSON-RPC: http://127.0.0.1:" + rpc[0]);
    out.println("WebSocket:     ws://127.0.0.1:" + rpc[1]);
    out.println("Metrics:       http://127.0.0.1:" + metricsPort + "/metrics");
    out.println();
    out.println(
        "Accounts (10000 ETH each at genesis; mnemonic: " + DevAccounts.DEV_MNEMONIC + "):");
    for (int i = 0; i < keys.size(); i++) {
      out.printf(
          "(%d) %s  private key %s%n",
          i, keys.get(i).address().toChecksumHex(), keys.get(i).privateKey().toHex());
    }
    out.println("These keys are public: never use them on a real network.");
    out.println();
    out.flush();
  }

  /** Prints each new block of node 0 until stopped. */
  private void watch(ValidatorNode node, long start) throws InterruptedException {
    long printed = start;
    while (stopAfter == 0 || printed < start + stopAfter) {
      long head = node.head().number();
      while (printed < head) {
        printed++;
        Block b = node.store().blockByNumber(printed).orElseThrow();
        out.printf(
            "block %d %s txs=%d gas=%d%n",
            printed, b.hash().toHex(), b.transactions().size(), b.header().gasUsed());
        out.flush();
      }
      Thread.sleep(100);
    }
  }

  private static synchronized void closeAll(List<ValidatorNode> nodes) {
    for (ValidatorNode v : nodes) {
      try {
        v.close();
      } catch (RuntimeException e) {
        System.err.println("devnet: closing a validator failed: " + e);
      }
    }
    nodes.clear();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
