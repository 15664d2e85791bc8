package io.levity.node.rpc;

import java.util.List;

/**
 * JSON-RPC server limits. The defaults serve a local devnet, its tools (ethers, viem, web3j,
 * Hardhat-style scripts) and {@code levity bench tps} (about 20 concurrent clients, a few hundred
 * calls a second) with a wide margin; docs/security.md (JSON-RPC) says why each value.
 *
 * @param host bind address (127.0.0.1 by default: never exposed unless asked)
 * @param allowedOrigins browser origins allowed to call ({@link OriginPolicy}); requests without an
 *     Origin header (tools, scripts) are always served
 * @param allowedHosts names the Host header may carry besides IP literals ({@code *}: any); against
 *     DNS rebinding, see {@link OriginPolicy#allowsHost}
 */
public record RpcServerConfig(
    String host,
    List<String> allowedOrigins,
    List<String> allowedHosts,
    Requests requests,
    Work work,
    Connections connections) {
  public static final RpcServerConfig DEFAULT =
      new RpcServerConfig(
          "127.0.0.1",
          OriginPolicy.LOCAL,
          OriginPolicy.LOCAL_HOSTS,
          new Requests(5 * 1024 * 1024, 1000, 5000, 10000),
          new Work(4, 1024, 10_000),
          new Connections(512, 120, 16 * 1024 * 1024));

  /**
   * What one request may be and what a client may spend.
   *
   * @param maxBodyBytes largest HTTP body or WebSocket frame accepted
   * @param maxBatch most requests in one batch
   * @param costPerSecond sustained cost per client IP ({@link MethodCosts}: a lookup costs 1)
   * @param burst cost a client may spend at once; also the most one request or batch may cost
   */
  public record Requests(int maxBodyBytes, int maxBatch, double costPerSecond, double burst) {
    public Requests {
      if (maxBodyBytes < 1 || maxBatch < 1)
        throw new IllegalArgumentException("limits must be > 0");
    }
  }

  /**
   * Where methods run.
   *
   * @param threads workers that run the methods (never the I/O threads)
   * @param queueCapacity requests waiting for a worker; beyond it the server answers "busy"
   * @param callTimeoutMillis time a request or a whole batch may take before it is answered with a
   *     timeout error
   */
  public record Work(int threads, int queueCapacity, long callTimeoutMillis) {
    public Work {
      if (threads < 1 || queueCapacity < 1 || callTimeoutMillis < 1)
        throw new IllegalArgumentException("limits must be > 0");
    }
  }

  /**
   * Connection limits, for HTTP and WebSocket each.
   *
   * @param max connections open at once per endpoint
   * @param idleTimeoutSeconds an HTTP connection silent this long is closed; a WebSocket is pinged
   *     after half of it and closed when nothing comes back in the other half
   * @param maxWsBufferedBytes bytes queued for a WebSocket that does not read; past it the
   *     connection is dropped as a slow consumer
   * @param headerTimeoutMillis a request's head (request line and headers, or the WebSocket
   *     upgrade) must be complete this long after its first byte, else the connection is closed
   *     (slowloris)
   */
  public record Connections(
      int max, int idleTimeoutSeconds, int maxWsBufferedBytes, long headerTimeoutMillis) {
    public Connections {
      if (max < 1 || idleTimeoutSeconds < 1 || maxWsBufferedBytes < 1 || headerTimeoutMillis < 1)
        throw new IllegalArgumentException("limits must be > 0");
    }

    /** The same with the default header timeout (10 s). */
    public Connections(int max, int idleTimeoutSeconds, int maxWsBufferedBytes) {
      this(max, idleTimeoutSeconds, maxWsBufferedBytes, 10_000);
    }
  }

  public RpcServerConfig {
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedHosts = List.copyOf(allowedHosts);
  }

  public RpcServerConfig withRequests(Requests r) {
    return new RpcServerConfig(host, allowedOrigins, allowedHosts, r, work, connections);
  }

  /** The same with another rate limit. */
  public RpcServerConfig withRate(double costPerSecond, double burst) {
    return withRequests(
        new Requests(requests.maxBodyBytes(), requests.maxBatch(), costPerSecond, burst));
  }

  public RpcServerConfig withWork(Work w) {
    return new RpcServerConfig(host, allowedOrigins, allowedHosts, requests, w, connections);
  }

  public RpcServerConfig withConnections(Connections c) {
    return new RpcServerConfig(host, allowedOrigins, allowedHosts, requests, work, c);
  }

  /** The same with another Origin allow-list ({@code "*"} allows any). */
  public RpcServerConfig withAllowedOrigins(List<String> origins) {
    return new RpcServerConfig(host, origins, allowedHosts, requests, work, connections);
  }

  /** The same with another Host allow-list ({@code "*"} allows any name). */
  public RpcServerConfig withAllowedHosts(List<String> hosts) {
    return new RpcServerConfig(host, allowedOrigins, hosts, requests, work, connections);
  }
}
