package io.levity.cli.node;

import picocli.CommandLine.Option;

/**
 * Where {@code levity devnet} serves: JSON-RPC and metrics of node 0, the validators' p2p ports and
 * the iNFT re-encryption oracle, the inference market's chat provider (the embeddings provider
 * listens on the next port), and DA node i on the DA port + i. 0 picks free ports.
 */
final class DevnetPorts {
  /**
   * The ports given.
   *
   * @param firstP2p validator i listens on this + i; 0: free ports
   */
  record Values(
      int http, int ws, int metrics, int firstP2p, int oracle, int compute, int firstDa) {}

  @Option(names = "--http-port", paramLabel = "PORT")
  int http = 8545;

  @Option(names = "--ws-port", paramLabel = "PORT")
  int ws = 8546;

  @Option(names = "--metrics-port", paramLabel = "PORT")
  int metrics = 9545;

  @Option(names = "--p2p-port", paramLabel = "PORT")
  int p2p;

  @Option(names = "--oracle-port", paramLabel = "PORT")
  int oracle = 8600;

  @Option(names = "--compute-port", paramLabel = "PORT")
  int compute = 8700;

  @Option(names = "--da-port", paramLabel = "PORT")
  int da = 8900;

  Values values() {
    return new Values(http, ws, metrics, p2p, oracle, compute, da);
  }
}
