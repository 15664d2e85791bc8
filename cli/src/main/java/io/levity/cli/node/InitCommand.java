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
@Command(
    name = "init",
    sortOptions = false,
    description = {
      "Writes a new network: DIR/genesis.json (chain id, funded dev accounts, the validator set) and per",
      "node DIR/nodeN/node.json + node.key (a fresh Ed25519 key). Then run each node with",
      "'levity node --config DIR/nodeN/node.json', in separate processes or on separate machines (for the",
      "latter, --p2p-host or node.json's p2pHost, and the peers' host:port in node.json)."
    })
public final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ChainOptions chain;

  @Option(
      names = "--full-nodes",
      paramLabel = "N",
      description = "Full nodes after the validators, 0..64.")
  int fullNodes;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the network.")
  Path dir = Path.of(".levity", "network");

  @Option(
      names = "--p2p-port",
      paramLabel = "PORT",
      description = "Node i listens for peers on this + i.")
  int p2pPort = 30400;

  @Option(
      names = "--p2p-host",
      paramLabel = "HOST",
      description =
          "Address every node listens for peers on (node.json 'p2pHost'): 127.0.0.1 (default) for"
              + " one machine; 0.0.0.0 or an interface's address for separate machines.")
  String p2pHost = ValidatorConfig.DEFAULT_P2P_HOST;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description =
          "Node i serves JSON-RPC over HTTP on this + 2i and over WebSocket on this + 2i + 1;"
              + " 0: no RPC.")
  int httpPort = 8645;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description = "Node i serves /metrics on this + i; 0: none.")
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
