package io.levity.cli.storage;

import io.levity.storage.client.RepairResult;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code levity storage repair ROOT}: rebuilds missing and corrupt shards onto live nodes. */
@Command(name = "repair")
public final class StorageRepairCommand implements Callable<Integer> {
  @Mixin FileRootParameter root;
  @Mixin StorageClientOptions client;

  @Override
  public Integer call() throws IOException, InterruptedException {
    return client.run(false, c -> print(c.repair(root.root())));
  }

  private int print(RepairResult r) {
    if (r.repaired().isEmpty() && r.failed().isEmpty())
      client.out().println("all shards present; nothing to repair");
    r.repaired().forEach((i, ep) -> client.out().println("repaired shard " + i + " onto " + ep));
    r.failed()
        .forEach((i, why) -> client.err().println("could not repair shard " + i + ": " + why));
    return r.failed().isEmpty() ? 0 : 1;
  }
}
