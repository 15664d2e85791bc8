package io.levity.cli.storage;

import io.levity.storage.node.NodeConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of one storage node, as the storage module's {@link NodeConfig}. */
final class StorageNodeOptions {
  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--port", paramLabel = "PORT")
  int port;

  @Option(names = "--max-shard-bytes", paramLabel = "N")
  long maxShardBytes = NodeConfig.DEFAULT_MAX_SHARD_BYTES;

  @Option(names = "--max-transfers", paramLabel = "N")
  int maxTransfers = 16;

  @Option(names = "--capacity-bytes", paramLabel = "N")
  long capacityBytes = NodeConfig.DEFAULT_CAPACITY_BYTES;

  @Option(names = "--max-connections-per-address", paramLabel = "N")
  int maxConnectionsPerAddress = NodeConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;

  @Option(names = "--seal", negatable = true, defaultValue = "true", fallbackValue = "true")
  boolean seal = true;

  NodeConfig config() {
    return NodeConfig.defaults(dataDir, port)
        .withMaxShardBytes(maxShardBytes)
        .withMaxTransfers(maxTransfers)
        .withCapacityBytes(capacityBytes)
        .withMaxConnectionsPerAddress(maxConnectionsPerAddress)
        .withSeal(seal);
  }
}
