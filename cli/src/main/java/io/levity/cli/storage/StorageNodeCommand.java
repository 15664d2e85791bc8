package io.levity.cli.storage;

import io.levity.storage.chain.FileStorageChain;
import io.levity.storage.chain.StorageChain;
import io.levity.storage.node.NetworkFile;
import io.levity.storage.node.NodeConfig;
import io.levity.storage.node.StorageNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code levity storage node}: one storage node, until stopped. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a storage node.",
      "Runs a storage node on 127.0.0.1: it accepts shards of files recorded on the chain, keeps them "
          + "crash-safely in DATA-DIR and serves them (protocol: docs/storage.md). Its identity (an Ed25519 "
          + "key) is created in DATA-DIR on first start; it registers its endpoint on the chain. Prints "
          + "'storage node <id> listening on <host:port>' once it serves. Ctrl-C stops it."
    })
public final class StorageNodeCommand implements Callable<Integer> {
  @Option(
      names = "--data-dir",
      required = true,
      paramLabel = "DIR",
      description = "Where the key, shards and index live.")
  Path dataDir;

  @Option(
      names = "--port",
      defaultValue = "0",
      description = "Port to listen on; 0 picks a free one (default: 0).")
  int port;

  @Option(
      names = "--network",
      paramLabel = "FILE",
      description =
          "Storage network file naming the chain"
              + " (default: .levity/devnet/storage.json unless --chain-file is given).")
  Path network;

  @Option(
      names = "--chain-file",
      paramLabel = "FILE",
      description = "Use this shared chain file directly.")
  Path chainFile;

  @Option(
      names = "--max-shard-bytes",
      paramLabel = "N",
      defaultValue = "1073741824",
      description = "Largest shard accepted; larger uploads get 413 (default: ${DEFAULT-VALUE}).")
  long maxShardBytes;

  @Option(
      names = "--max-transfers",
      paramLabel = "N",
      defaultValue = "16",
      description = "Shard transfers served at once; more get 503 (default: ${DEFAULT-VALUE}).")
  int maxTransfers;

  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    StorageChain chain =
        chainFile != null
            ? FileStorageChain.open(chainFile)
            : NetworkFile.read(network != null ? network : NetworkFile.DEFAULT).openChain();
    NodeConfig config =
        NodeConfig.defaults(dataDir, port)
            .withMaxShardBytes(maxShardBytes)
            .withMaxTransfers(maxTransfers);
    CountDownLatch stopped = new CountDownLatch(1);
    try (StorageNode node = StorageNode.open(config, chain)) {
      Thread hook =
          new Thread(
              () -> {
                node.close();
                stopped.countDown();
              },
              "storage-node-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      node.start();
      out.println("storage node " + node.nodeId() + " listening on " + node.endpoint());
      out.flush();
      stopped.await();
    }
    return 0;
  }
}
