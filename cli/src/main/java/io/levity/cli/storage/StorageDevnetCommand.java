package io.levity.cli.storage;

import io.levity.storage.node.StorageDevnet;
import io.levity.storage.node.StorageNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code levity storage devnet}: a local storage network in one process. */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a local storage network in this process.",
      "Runs n storage nodes in this process on 127.0.0.1 over a shared chain file "
          + "(DIR/storage/chain.json) and writes the network file DIR/storage.json that the other storage "
          + "commands read by default. Data stays in DIR/storage/node<i> between runs. Ctrl-C stops it."
    })
public final class StorageDevnetCommand implements Callable<Integer> {
  @Option(
      names = "--nodes",
      defaultValue = "9",
      description = "Storage nodes (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(
      names = "--dir",
      defaultValue = ".levity/devnet",
      paramLabel = "DIR",
      description = "Where the network lives (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--first-port",
      defaultValue = "0",
      description = "Node i listens on this + i; 0 picks free ports (default: ${DEFAULT-VALUE}).")
  int firstPort;

  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    StorageDevnet devnet = StorageDevnet.start(dir, nodes, firstPort);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  devnet.close();
                  stopped.countDown();
                },
                "storage-devnet-shutdown"));
    out.println(
        "Levity storage devnet: "
            + nodes
            + " nodes, network file "
            + devnet.networkFile().toAbsolutePath());
    for (StorageNode n : devnet.nodes()) out.println("  " + n.endpoint() + "  " + n.nodeId());
    out.flush();
    stopped.await();
    return 0;
  }
}
