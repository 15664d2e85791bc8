package io.levity.storage.node;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How a storage node runs.
 *
 * @param dataDir where its key, shards and index live
 * @param host address to bind (127.0.0.1 in this repository)
 * @param port port to bind; 0 picks a free one
 * @param advertisedHost host part of the endpoint registered on chain
 * @param maxShardBytes largest shard accepted; larger uploads get 413 (default 1 GiB)
 * @param maxTransfers shard transfers (uploads, downloads, sector reads) served at once, over all
 *     connections; more get 503 with Retry-After (default 16)
 * @param maxConnections open connections at once; more are closed on accept (default 256)
 * @param idleTimeoutSeconds a connection with no traffic for this long is closed (default 120)
 * @param workerThreads threads doing disk I/O and hashing (default 8)
 * @param maxRequestsPerSecond requests one client address may make per second, with bursts of twice
 *     that; more get 429 with Retry-After (default 500)
 * @param maxConnectionsPerAddress open connections one client address may hold; more are closed on
 *     accept, so one client cannot take every connection (default 16; loopback tests with many
 *     clients on 127.0.0.1 raise it)
 * @param headerTimeoutSeconds a request whose first byte arrived must have sent its whole head
 *     within this long, or the connection is closed (slowloris; default 10)
 * @param capacityBytes the most shard bytes the node stores; an upload that would pass it gets 507
 *     (default 256 GiB)
 * @param seal whether the node seals the shards it holds into replicas and commits their roots, so
 *     it can answer sealed challenges (default true; a benchmark of transfers alone turns it off)
 */
public record NodeConfig(
    Path dataDir,
    String host,
    int port,
    String advertisedHost,
    long maxShardBytes,
    int maxTransfers,
    int maxConnections,
    int idleTimeoutSeconds,
    int workerThreads,
    int maxRequestsPerSecond,
    int maxConnectionsPerAddress,
    int headerTimeoutSeconds,
    long capacityBytes,
    boolean seal) {
  public static final long DEFAULT_MAX_SHARD_BYTES = 1L << 30;
  public static final int DEFAULT_MAX_TRANSFERS = 16;
  public static final int DEFAULT_MAX_CONNECTIONS = 256;
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 120;
  public static final int DEFAULT_WORKER_THREADS = 8;
  public static final int DEFAULT_MAX_REQUESTS_PER_SECOND = 500;
  public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 16;
  public static final int DEFAULT_HEADER_TIMEOUT_SECONDS = 10;
  public static final long DEFAULT_CAPACITY_BYTES = 256L << 30;

  public NodeConfig {
    if (port < 0 || port > 65535)
      throw new IllegalArgumentException("port must be in 0..65535: " + port);
    if (maxShardBytes < 1) throw new IllegalArgumentException("maxShardBytes must be positive");
    if (maxTransfers < 1) throw new IllegalArgumentException("maxTransfers must be positive");
    if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be positive");
    if (idleTimeoutSeconds < 1)
      throw new IllegalArgumentException("idleTimeoutSeconds must be positive");
    if (workerThreads < 1) throw new IllegalArgumentException("workerThreads must be positive");
    if (maxRequestsPerSecond < 1)
      throw new IllegalArgumentException("maxRequestsPerSecond must be positive");
    if (maxConnectionsPerAddress < 1)
      throw new IllegalArgumentException("maxConnectionsPerAddress must be positive");
    if (headerTimeoutSeconds < 1)
      throw new IllegalArgumentException("headerTimeoutSeconds must be positive");
    if (capacityBytes < 1) throw new IllegalArgumentException("capacityBytes must be positive");
  }

  /** Defaults on 127.0.0.1 at {@code port}. */
  public static NodeConfig defaults(Path dataDir, int port) {
    return new NodeConfig(
        dataDir,
        "127.0.0.1",
        port,
        "127.0.0.1",
        DEFAULT_MAX_SHARD_BYTES,
        DEFAULT_MAX_TRANSFERS,
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_IDLE_TIMEOUT_SECONDS,
        DEFAULT_WORKER_THREADS,
        DEFAULT_MAX_REQUESTS_PER_SECOND,
        DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
        DEFAULT_HEADER_TIMEOUT_SECONDS,
        DEFAULT_CAPACITY_BYTES,
        true);
  }

  public NodeConfig withPort(int p) {
    return with(b -> b.port = p);
  }

  public NodeConfig withMaxShardBytes(long max) {
    return with(b -> b.maxShardBytes = max);
  }

  public NodeConfig withMaxRequestsPerSecond(int max) {
    return with(b -> b.maxRequestsPerSecond = max);
  }

  public NodeConfig withMaxTransfers(int max) {
    return with(b -> b.maxTransfers = max);
  }

  public NodeConfig withMaxConnectionsPerAddress(int max) {
    return with(b -> b.maxConnectionsPerAddress = max);
  }

  public NodeConfig withHeaderTimeoutSeconds(int seconds) {
    return with(b -> b.headerTimeoutSeconds = seconds);
  }

  public NodeConfig withCapacityBytes(long bytes) {
    return with(b -> b.capacityBytes = bytes);
  }

  public NodeConfig withSeal(boolean on) {
    return with(b -> b.seal = on);
  }

  private NodeConfig with(Consumer<Copy> change) {
    Copy b = new Copy(this);
    change.accept(b);
    return b.build();
  }

  /** A mutable copy, so each {@code with} names only the component it changes. */
  private static final class Copy {
    final Path dataDir;
    final String host;
    int port;
    final String advertisedHost;
    long maxShardBytes;
    int maxTransfers;
    final int maxConnections;
    final int idleTimeoutSeconds;
    final int workerThreads;
    int maxRequestsPerSecond;
    int maxConnectionsPerAddress;
    int headerTimeoutSeconds;
    long capacityBytes;
    boolean seal;

    Copy(NodeConfig c) {
      dataDir = c.dataDir;
      host = c.host;
      port = c.port;
      advertisedHost = c.advertisedHost;
      maxShardBytes = c.maxShardBytes;
      maxTransfers = c.maxTransfers;
      maxConnections = c.maxConnections;
      idleTimeoutSeconds = c.idleTimeoutSeconds;
      workerThreads = c.workerThreads;
      maxRequestsPerSecond = c.maxRequestsPerSecond;
      maxConnectionsPerAddress = c.maxConnectionsPerAddress;
      headerTimeoutSeconds = c.headerTimeoutSeconds;
      capacityBytes = c.capacityBytes;
      seal = c.seal;
    }

    NodeConfig build() {
      return new NodeConfig(
          dataDir,
          host,
          port,
          advertisedHost,
          maxShardBytes,
          maxTransfers,
          maxConnections,
          idleTimeoutSeconds,
          workerThreads,
          maxRequestsPerSecond,
          maxConnectionsPerAddress,
          headerTimeoutSeconds,
          capacityBytes,
          seal);
    }
  }
}
