package io.levity.cli.node;

import io.levity.execution.block.Block;
import io.levity.node.config.NetworkFiles;
import io.levity.node.rpc.RpcServerConfig;
import io.levity.node.runtime.ValidatorNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code levity node --config FILE}: one validator or full node as its own process. */
@Command(name = "node", sortOptions = false)
public final class NodeCommand implements Callable<Integer> {
  static final int EXIT_HALTED = 70;

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE")
  Path config;

  @Option(names = "--rpc-allow-origin", paramLabel = "ORIGIN")
  List<String> allowOrigins = new ArrayList<>();

  @Option(names = "--rpc-allow-host", paramLabel = "NAME")
  List<String> allowHosts = new ArrayList<>();

  @Option(names = "--quiet")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    NetworkFiles.NodeSetup setup = NetworkFiles.readNode(config);
    ValidatorNode node = new ValidatorNode(setup.config(), setup.limits());
    CountDownLatch halted = new CountDownLatch(1);
    node.onFatal(t -> halted.countDown());
    Thread hook = new Thread(node::close, "node-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    int p2p = node.start();
    node.connect(setup.peers());
    String rpc = "";
    if (setup.httpPort() > 0 || setup.wsPort() > 0) {
      RpcServerConfig rpcConfig = setup.rpc();
      if (!allowOrigins.isEmpty()) rpcConfig = rpcConfig.withAllowedOrigins(allowOrigins);
      if (!allowHosts.isEmpty()) rpcConfig = rpcConfig.withAllowedHosts(allowHosts);
      int[] ports = node.serveRpc(setup.httpPort(), setup.wsPort(), rpcConfig);
      rpc = ", JSON-RPC http://127.0.0.1:" + ports[0] + " ws://127.0.0.1:" + ports[1];
    }
    if (setup.metricsPort() > 0)
      rpc += ", metrics http://127.0.0.1:" + node.serveMetrics(setup.metricsPort()) + "/metrics";
    int index = setup.config().index();
    out.println(
        "Levity node: "
            + (index >= 0
                ? "validator " + index + " of " + setup.config().validators().size()
                : "full node")
            + ", chain id "
            + setup.config().chainId()
            + ", head "
            + node.head().number()
            + ", p2p 127.0.0.1:"
            + p2p
            + rpc
            + " (data in "
            + setup.config().dataDir()
            + ")");
    long printed = node.head().number();
    while (!halted.await(100, TimeUnit.MILLISECONDS)) {
      long head = node.head().number();
      while (printed < head) {
        printed++;
        if (quiet) continue;
        Block b = node.store().blockByNumber(printed).orElseThrow();
        out.printf(
            "block %d %s txs=%d%s%n",
            printed,
            b.hash().toHex(),
            b.transactions().size(),
            node.isSyncing() ? " (synced)" : "");
      }
    }
    spec.commandLine()
        .getErr()
        .println(
            "levity node: halted; see the log above. Restarting resumes from the last stored block.");
    return EXIT_HALTED;
  }
}
