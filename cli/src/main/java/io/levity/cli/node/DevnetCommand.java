package io.levity.cli.node;

import io.levity.cli.options.ChainOptions;
import io.levity.cli.options.DevnetDirOption;
import io.levity.cli.options.LayerFiles;
import io.levity.cli.options.NewChain;
import io.levity.cli.process.Directories;
import io.levity.compute.ComputeNetwork;
import io.levity.core.crypto.Secp256k1;
import io.levity.execution.block.Block;
import io.levity.inft.InftNetwork;
import io.levity.node.keys.DevAccounts;
import io.levity.node.runtime.ValidatorNode;
import io.levity.storage.chain.rpc.RpcStorageChain;
import io.levity.storage.node.StorageDevnet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code levity devnet}: a local chain of n validators in one process, with funded dev accounts,
 * JSON-RPC and a storage network.
 */
@Command(name = "devnet", sortOptions = false)
public final class DevnetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ChainOptions chain;
  @Mixin DevnetPorts ports;
  @Mixin DevnetDirOption data;

  @Option(names = "--reset")
  boolean reset;

  @Option(names = "--storage-nodes", paramLabel = "N")
  int storageNodes = 9;

  @Option(names = "--da-nodes", paramLabel = "N")
  int daNodes = 4;

  @Option(names = "--stop-after", paramLabel = "BLOCKS")
  long stopAfter;

  @Option(names = "--dev")
  boolean dev;

  /**
   * The arguments of {@code levity devnet} that keep its data in {@code dataDir} and serve on free
   * loopback ports, so that a devnet started by a benchmark or a test runs beside any other.
   */
  public static List<String> onFreePorts(Path dataDir) {
    return List.of(
        "--data-dir",
        dataDir.toString(),
        "--http-port",
        "0",
        "--ws-port",
        "0",
        "--metrics-port",
        "0",
        "--p2p-port",
        "0",
        "--oracle-port",
        "0",
        "--compute-port",
        "0",
        "--da-port",
        "0");
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    NewChain newChain = chain.chain();
    if (dev) {
      DevMode.check(spec.commandLine(), newChain);
      return DevMode.run(spec.commandLine().getOut(), newChain, ports.values(), stopAfter);
    }
    if (storageNodes < 0 || storageNodes > 64)
      throw new ParameterException(spec.commandLine(), "--storage-nodes must be in 0..64");
    if (daNodes < 0 || daNodes > DevnetDa.MAX_NODES)
      throw new ParameterException(
          spec.commandLine(), "--da-nodes must be in 0.." + DevnetDa.MAX_NODES);
    if (reset) Directories.deleteTree(data.dir());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ShutdownSignals.install()
        .ifPresent(why -> err.println("devnet: SIGINT/SIGTERM left to the JVM's defaults: " + why));
    List<Secp256k1.KeyPair> keys = DevAccounts.dev(newChain.accounts());
    LocalDevnet devnet =
        LocalDevnet.start(
            newChain,
            keys.stream().map(Secp256k1.KeyPair::address).toList(),
            data.dir(),
            ports.values(),
            m -> err.println("devnet: " + m));
    Thread hook = new Thread(devnet::close, "devnet-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      long start = devnet.node0().head().number();
      printBanner(out, newChain, keys, devnet, start);
      if (storageNodes > 0) {
        StorageDevnet storage = startStorage(out, err, devnet);
        if (storage != null) {
          Optional<InftNetwork> inft = startInft(out, err, devnet, storage);
          startCompute(out, err, devnet, inft);
        }
      }
      if (daNodes > 0) startDa(out, err, devnet);
      watch(out, devnet.node0(), start);
      return 0;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook closes the devnet too; close() waits for it and then does nothing
      }
      devnet.close();
    }
  }

  /**
   * Starts the storage network; a failure (its nodes' registrations never mined, say) is reported
   * and the chain keeps running: storage is not worth taking the devnet's RPC down for.
   */
  private StorageDevnet startStorage(PrintWriter out, PrintWriter err, LocalDevnet devnet)
      throws IOException, InterruptedException {
    out.println("Starting " + storageNodes + " storage nodes (each registers itself on chain)...");
    out.flush();
    StorageDevnet storage;
    try {
      storage = devnet.startStorage(storageNodes);
    } catch (RuntimeException | IOException e) {
      err.println(
          "devnet: the storage network did not start: "
              + e.getMessage()
              + "; the chain keeps running (restart the devnet to try again)");
      return null;
    }
    out.println(
        "Storage: "
            + storageNodes
            + " nodes (Reed-Solomon 6+3), registry "
            + RpcStorageChain.DEVNET_REGISTRY.toChecksumHex()
            + ", network file "
            + storage.networkFile()
            + " (levity storage upload FILE)");
    out.println();
    return storage;
  }

  /**
   * Deploys the iNFT contracts and starts the re-encryption oracle; a failure is reported and the
   * chain and storage keep running (and the chat provider runs no agents).
   */
  private Optional<InftNetwork> startInft(
      PrintWriter out, PrintWriter err, LocalDevnet devnet, StorageDevnet storage)
      throws InterruptedException {
    out.println("Deploying the iNFT contracts and starting the re-encryption oracle...");
    out.flush();
    InftNetwork inft;
    try {
      inft = devnet.startInft(storage, ports.values().oracle());
    } catch (RuntimeException | IOException e) {
      err.println(
          "devnet: the iNFT layer did not start: "
              + e.getMessage()
              + "; the chain and storage keep running (a chain made before iNFTs needs --reset)");
      return Optional.empty();
    }
    out.println(
        "iNFT: AgentNFT "
            + inft.agentNft().toChecksumHex()
            + ", market "
            + inft.market().toChecksumHex()
            + ", oracle "
            + inft.oracleUrl()
            + " ("
            + inft.oracleAddress().toChecksumHex()
            + ", software attestation)");
    out.println(
        "      network file "
            + data.dir().resolve("inft.json")
            + " (levity inft mint FILE --key HEX)");
    out.println();
    return Optional.of(inft);
  }

  /**
   * Deploys the TrainingJobs and InferenceMarket contracts and starts the market's providers and
   * auditor (the devnet's compute user funded with both; the chat provider running {@code inft}'s
   * agents); a failure is reported and the rest keeps running.
   */
  private void startCompute(
      PrintWriter out, PrintWriter err, LocalDevnet devnet, Optional<InftNetwork> inft)
      throws InterruptedException {
    ComputeNetwork compute;
    try {
      compute = devnet.startCompute();
    } catch (RuntimeException | IOException e) {
      err.println(
          "devnet: the compute layer did not start: "
              + e.getMessage()
              + "; the chain, storage and iNFTs keep running");
      return;
    }
    out.println(
        "AI: TrainingJobs "
            + compute.trainingJobs().toChecksumHex()
            + ", network file "
            + data.dir().resolve("compute.json")
            + " (levity ai train --preset test --corpus FILE --publish --key HEX)");
    if (compute.inferenceMarket().isEmpty()) return;
    out.println("Inference: InferenceMarket " + compute.inferenceMarket().get().toChecksumHex());
    try {
      compute =
          devnet.startMarket(
              compute,
              ports.values().compute(),
              Optional.of(DevnetUser.KEY),
              inft.map(InftNetwork::oracleUrl),
              m -> err.println("devnet: " + m));
    } catch (RuntimeException | IOException e) {
      err.println(
          "devnet: the inference providers did not start: "
              + LayerFiles.oneLine(e)
              + "; the market and the rest keep running");
      out.println();
      return;
    }
    out.println(
        "  chat provider "
            + compute.chatProvider().orElseThrow().toChecksumHex()
            + " (levity-tiny), embeddings provider "
            + compute.embeddingsProvider().orElseThrow().toChecksumHex()
            + " (all-minilm-l6-v2), one auditor re-executing every answer");
    out.println(
        "  the devnet's compute user "
            + DevnetUser.KEY.address().toChecksumHex()
            + " (private key "
            + DevnetUser.KEY.privateKey().toHex()
            + ") has 1 ETH with each: levity compute ask \"hello\"; levity compute proxy --port"
            + " 8800 for the openai package");
    if (devnet.chatRunsAgents())
      out.println(
          "  the chat provider runs iNFT agents (the oracle admits it): levity compute ask"
              + " \"hello\" --agent TOKEN_ID, as the token's owner or an authorized user");
    out.println();
  }

  /** Starts the DA layer; a failure is reported and the rest keeps running. */
  private void startDa(PrintWriter out, PrintWriter err, LocalDevnet devnet)
      throws InterruptedException {
    out.println("Starting " + daNodes + " DA nodes (each registers itself on chain)...");
    out.flush();
    try {
      DevnetDa da = devnet.startDa(daNodes, ports.values().firstDa(), m -> {});
      out.println(
          "DA: DataAvailability "
              + da.network().contract().toChecksumHex()
              + ", nodes "
              + String.join(", ", da.nodes().stream().map(n -> n.endpoint()).toList())
              + ", in the quorum from block "
              + da.activeFromBlock()
              + "; network file "
              + data.dir().resolve("da.json")
              + " (levity da submit FILE; get, sample, verify)");
    } catch (RuntimeException | IOException e) {
      err.println(
          "devnet: the DA layer did not start: "
              + LayerFiles.oneLine(e)
              + "; the rest keeps running");
    }
    out.println();
  }

  private void printBanner(
      PrintWriter out,
      NewChain newChain,
      List<Secp256k1.KeyPair> keys,
      LocalDevnet devnet,
      long head) {
    out.println(
        "Levity devnet: "
            + newChain.validators()
            + " validators, chain id "
            + newChain.chainId()
            + (head == 0 ? ", new chain" : ", resumed at block " + head)
            + " (data in "
            + data.dir().toAbsolutePath()
            + ")");
    out.println("HTTP JSON-RPC: http://127.0.0.1:" + devnet.httpPort());
    out.println("WebSocket:     ws://127.0.0.1:" + devnet.wsPort());
    out.println("Metrics:       http://127.0.0.1:" + devnet.metricsPort() + "/metrics");
    out.println();
    printAccounts(out, keys);
  }

  /** The dev accounts with their (public) keys, as both the BFT devnet and dev mode print them. */
  static void printAccounts(PrintWriter out, List<Secp256k1.KeyPair> keys) {
    out.println(
        "Accounts ("
            + NewChain.ETHER_EACH
            + " ETH each at genesis; mnemonic: "
            + DevAccounts.DEV_MNEMONIC
            + "):");
    for (int i = 0; i < keys.size(); i++) {
      out.printf(
          "(%d) %s  private key %s%n",
          i, keys.get(i).address().toChecksumHex(), keys.get(i).privateKey().toHex());
    }
    out.println("These keys are public: never use them on a real network.");
    out.println();
  }

  /** Prints each new block of node 0 until stopped. */
  private void watch(PrintWriter out, ValidatorNode node, long start) throws InterruptedException {
    long printed = start;
    while (stopAfter == 0 || printed < start + stopAfter) {
      long head = node.head().number();
      while (printed < head) {
        printed++;
        Block b = node.store().blockByNumber(printed).orElseThrow();
        out.printf(
            "block %d %s txs=%d gas=%d%n",
            printed, b.hash().toHex(), b.transactions().size(), b.header().gasUsed());
      }
      Thread.sleep(100);
    }
  }
}
