package io.levity.cli.node;

import picocli.CommandLine.Option;

/**
 * Where {@code levity devnet} serves: JSON-RPC and metrics of node 0, and the validators' p2p
 * ports. 0 picks free ports.
 */
final class DevnetPorts {
  /**
   * The ports given.
   *
   * @param firstP2p validator i listens on this + i; 0: free ports
   */
  record Values(int http, int ws, int metrics, int firstP2p) {}

  @Option(names = "--http-port", paramLabel = "PORT", description = "JSON-RPC over HTTP of node 0.")
  int http = 8545;

  @Option(
      names = "--ws-port",
      paramLabel = "PORT",
      description = "JSON-RPC over WebSocket of node 0.")
  int ws = 8546;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description = "Prometheus metrics of node 0 at /metrics.")
  int metrics = 9545;

  @Option(
      names = "--p2p-port",
      paramLabel = "PORT",
      description = "First p2p port; validator i listens on it + i.")
  int p2p;

  Values values() {
    return new Values(http, ws, metrics, p2p);
  }
}
