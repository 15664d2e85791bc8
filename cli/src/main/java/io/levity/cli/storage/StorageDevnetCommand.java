package io.levity.cli.storage;

import io.levity.cli.options.DevnetDirOption;
import io.levity.storage.node.StorageDevnet;
import io.levity.storage.node.StorageNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code levity storage devnet}: a local storage network in one process. */
@Command(name = "devnet", sortOptions = false)
public final class StorageDevnetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--nodes", paramLabel = "N")
  int nodes = 9;

  @Mixin DevnetDirOption dir;

  @Option(names = "--first-port", paramLabel = "PORT")
  int firstPort;

  @Override
  public Integer call() throws IOException, InterruptedException {
    StorageDevnet devnet = StorageDevnet.start(dir.dir(), nodes, firstPort);
    return UntilStopped.serve(
        "storage-devnet",
        devnet,
        () -> {
          PrintWriter out = spec.commandLine().getOut();
          out.println(
              "Levity storage devnet: "
                  + nodes
                  + " nodes, network file "
                  + devnet.networkFile().toAbsolutePath());
          for (StorageNode n : devnet.nodes()) out.println("  " + n.endpoint() + "  " + n.nodeId());
          out.flush();
        });
  }
}
