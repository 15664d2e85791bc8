package io.levity.cli.storage;

import io.levity.storage.node.NodeConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of one storage node, as the storage module's {@link NodeConfig}. */
final class StorageNodeOptions {
  @Option(
      names = "--data-dir",
      required = true,
      paramLabel = "DIR",
      description = "Where the key, shards and index live.")
  Path dataDir;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port to listen on; 0 picks a free one.")
  int port;

  @Option(
      names = "--max-shard-bytes",
      paramLabel = "N",
      description = "Largest shard accepted; larger uploads get 413.")
  long maxShardBytes = NodeConfig.DEFAULT_MAX_SHARD_BYTES;

  @Option(
      names = "--max-transfers",
      paramLabel = "N",
      description = "Shard transfers served at once; more get 503.")
  int maxTransfers = 16;

  NodeConfig config() {
    return NodeConfig.defaults(dataDir, port)
        .withMaxShardBytes(maxShardBytes)
        .withMaxTransfers(maxTransfers);
  }
}
