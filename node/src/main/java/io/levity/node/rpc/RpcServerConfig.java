package io.levity.node.rpc;

/**
 * JSON-RPC server limits.
 *
 * @param host bind address (127.0.0.1 by default: never exposed unless asked)
 * @param maxBodyBytes largest HTTP body or WebSocket frame accepted
 * @param maxBatch most requests in one batch
 * @param requestsPerSecond sustained requests per client IP (each batch entry counts)
 * @param burst requests a client may make at once
 */
public record RpcServerConfig(
    String host, int maxBodyBytes, int maxBatch, double requestsPerSecond, double burst) {
  public static final RpcServerConfig DEFAULT =
      new RpcServerConfig("127.0.0.1", 5 * 1024 * 1024, 1000, 5000, 10000);
}
