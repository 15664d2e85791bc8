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
@Command(name = "node", sortOptions = false)
public final class StorageNodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StorageNodeOptions node;
  @Mixin StorageNetworkOption network;

  @Option(names = "--chain-file", paramLabel = "FILE")
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
