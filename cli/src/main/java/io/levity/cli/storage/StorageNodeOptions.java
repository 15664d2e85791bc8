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

  NodeConfig config() {
    return NodeConfig.defaults(dataDir, port)
        .withMaxShardBytes(maxShardBytes)
        .withMaxTransfers(maxTransfers);
  }
}
