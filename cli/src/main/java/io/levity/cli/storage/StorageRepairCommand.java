package io.levity.cli.storage;

import io.levity.storage.client.RepairResult;
import io.levity.storage.client.StorageClient;
import io.levity.storage.client.StorageException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code levity storage repair ROOT}: rebuilds missing and corrupt shards onto live nodes. */
@Command(
    name = "repair",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuilds missing or corrupt shards of a file.",
      "Checks every shard of ROOT, rebuilds the missing or corrupt ones from k good ones and puts each "
          + "on its placed node, or on a spare when that node is down. Exit 0 when every shard is present "
          + "afterwards, 1 otherwise."
    })
public final class StorageRepairCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ROOT")
  String root;

  @Mixin NetworkOptions network;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() throws Exception {
    try (StorageClient client = network.client(false)) {
      RepairResult r = client.repair(NetworkOptions.root(root));
      if (r.repaired().isEmpty() && r.failed().isEmpty())
        out.println("all shards present; nothing to repair");
      r.repaired().forEach((i, ep) -> out.println("repaired shard " + i + " onto " + ep));
      r.failed().forEach((i, why) -> err.println("could not repair shard " + i + ": " + why));
      return r.failed().isEmpty() ? 0 : 1;
    } catch (StorageException e) {
      err.println("levity storage repair: " + e.getMessage());
      return 1;
    }
  }
}
