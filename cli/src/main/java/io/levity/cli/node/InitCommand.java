package io.levity.cli.node;

import io.levity.cli.options.ChainOptions;
import io.levity.cli.options.NewChain;
import io.levity.core.crypto.Secp256k1;
import io.levity.node.config.NetworkFiles;
import io.levity.node.keys.DevAccounts;
import io.levity.node.runtime.ValidatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code levity init}: writes the genesis and per-node keys and configs of a network of separate
 * node processes.
 */
@Command(name = "init", sortOptions = false)
public final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ChainOptions chain;

  @Option(names = "--full-nodes", paramLabel = "N")
  int fullNodes;

  @Option(names = "--dir", paramLabel = "DIR")
  Path dir = Path.of(".levity", "network");

  @Option(names = "--p2p-port", paramLabel = "PORT")
  int p2pPort = 30400;

  @Option(names = "--p2p-host", paramLabel = "HOST")
  String p2pHost = ValidatorConfig.DEFAULT_P2P_HOST;

  @Option(names = "--http-port", paramLabel = "PORT")
  int httpPort = 8645;

  @Option(names = "--metrics-port", paramLabel = "PORT")
  int metricsPort;

  @Override
  public Integer call() throws IOException {
    NewChain c = chain.chain();
    List<Secp256k1.KeyPair> keys = DevAccounts.dev(c.accounts());
    List<Path> configs =
        NetworkFiles.init(
            dir,
            new NetworkFiles.InitSpec(
                c.validators(),
                fullNodes,
                c.chainId(),
                keys.stream().map(Secp256k1.KeyPair::address).toList(),
                NewChain.ETHER_EACH,
                c.blockTimeMillis(),
                c.gasLimit(),
                p2pPort,
                httpPort,
                metricsPort,
                Map.of(),
                p2pHost),
            new SecureRandom());
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "Wrote a network of "
            + c.validators()
            + " validators"
            + (fullNodes > 0 ? " and " + fullNodes + " full nodes" : "")
            + ", chain id "
            + c.chainId()
            + ", to "
            + dir.toAbsolutePath());
    for (int i = 0; i < configs.size(); i++) {
      String rpc = httpPort == 0 ? "" : "  (JSON-RPC http://127.0.0.1:" + (httpPort + 2 * i) + ")";
      out.println("  levity node --config " + configs.get(i) + rpc);
    }
    out.println(
        "Dev accounts funded: the first "
            + c.accounts()
            + " of the mnemonic '"
            + DevAccounts.DEV_MNEMONIC
            + "'.");
    return 0;
  }
}
