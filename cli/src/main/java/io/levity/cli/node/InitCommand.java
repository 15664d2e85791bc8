package io.levity.cli.node;

import io.levity.core.crypto.Secp256k1;
import io.levity.node.config.NetworkFiles;
import io.levity.node.keys.DevAccounts;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code levity init}: writes the genesis and per-node keys and configs of a network of separate
 * node processes.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes a new network: DIR/genesis.json (chain id, funded dev accounts, the validator set) and per",
      "node DIR/nodeN/node.json + node.key (a fresh Ed25519 key). Then run each node with",
      "'levity node --config DIR/nodeN/node.json', in separate processes or on separate machines (edit the",
      "peers' host:port in node.json for the latter)."
    })
public final class InitCommand implements Callable<Integer> {
  @Option(
      names = "--validators",
      description = "Number of validators (default: ${DEFAULT-VALUE}).",
      defaultValue = "4")
  int validators;

  @Option(
      names = "--full-nodes",
      description = "Number of full nodes after the validators (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  int fullNodes;

  @Option(
      names = "--dir",
      description = "Where to write the network (default: ${DEFAULT-VALUE}).",
      defaultValue = ".levity/network")
  Path dir;

  @Option(
      names = "--chain-id",
      description = "Chain id (default: ${DEFAULT-VALUE}).",
      defaultValue = "1337")
  long chainId;

  @Option(
      names = "--accounts",
      description = "Dev accounts funded with 10000 ETH each (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int accounts;

  @Option(
      names = "--block-time",
      description = "Target block time in ms (default: ${DEFAULT-VALUE}).",
      defaultValue = "1000")
  long blockTime;

  @Option(
      names = "--p2p-port",
      description = "Node i listens for peers on this + i (default: ${DEFAULT-VALUE}).",
      defaultValue = "30400")
  int p2pPort;

  @Option(
      names = "--http-port",
      description =
          "Node i serves JSON-RPC HTTP on this + 2i and WebSocket on this + 2i + 1;"
              + " 0: no RPC (default: ${DEFAULT-VALUE}).",
      defaultValue = "8645")
  int httpPort;

  @Option(
      names = "--metrics-port",
      description = "Node i serves /metrics on this + i; 0: none (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  int metricsPort;

  @Override
  public Integer call() throws Exception {
    if (accounts < 0 || accounts > 1000)
      throw new IllegalArgumentException("--accounts must be in 0..1000");
    List<Secp256k1.KeyPair> keys = DevAccounts.dev(accounts);
    List<Path> configs =
        NetworkFiles.init(
            dir,
            new NetworkFiles.InitSpec(
                validators,
                fullNodes,
                chainId,
                keys.stream().map(Secp256k1.KeyPair::address).toList(),
                10_000,
                blockTime,
                p2pPort,
                httpPort,
                metricsPort,
                Map.of()),
            new SecureRandom());
    System.out.println(
        "Wrote a network of "
            + validators
            + " validators"
            + (fullNodes > 0 ? " and " + fullNodes + " full nodes" : "")
            + ", chain id "
            + chainId
            + ", to "
            + dir.toAbsolutePath());
    for (int i = 0; i < configs.size(); i++) {
      String rpc = httpPort == 0 ? "" : "  (JSON-RPC http://127.0.0.1:" + (httpPort + 2 * i) + ")";
      System.out.println("  levity node --config " + configs.get(i) + rpc);
    }
    System.out.println(
        "Dev accounts funded: the first "
            + accounts
            + " of the mnemonic '"
            + DevAccounts.DEV_MNEMONIC
            + "'.");
    return 0;
  }
}
