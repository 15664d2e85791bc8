package io.levity.cli.storage;

import io.levity.storage.chain.FileStorageChain;
import io.levity.storage.chain.StorageChain;
import io.levity.storage.node.StorageNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code levity storage node}: one storage node, until stopped. */
@Command(
    name = "node",
    sortOptions = false,
    description = {
      "Runs a storage node.",
      "Runs a storage node on 127.0.0.1: it accepts shards of files recorded on the chain, keeps them "
          + "crash-safely in DATA-DIR and serves them (protocol: docs/storage.md). Its identity (an Ed25519 "
          + "key) is created in DATA-DIR on first start; it registers its endpoint on the chain. Prints "
          + "'storage node <id> listening on <host:port>' once it serves. Ctrl-C stops it."
    })
public final class StorageNodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StorageNodeOptions node;
  @Mixin StorageNetworkOption network;

  @Option(
      names = "--chain-file",
      paramLabel = "FILE",
      description = "Use this shared chain file directly instead of the network file's chain.")
  Path chainFile;

  @Override
  public Integer call() throws IOException, InterruptedException {
    StorageChain chain =
        chainFile != null ? FileStorageChain.open(chainFile) : network.read().openChain();
    StorageNode running = StorageNode.open(node.config(), chain);
    return UntilStopped.serve(
        "storage-node",
        running,
        () -> {
          running.start();
          spec.commandLine()
              .getOut()
              .println("storage node " + running.nodeId() + " listening on " + running.endpoint());
        });
  }
}
