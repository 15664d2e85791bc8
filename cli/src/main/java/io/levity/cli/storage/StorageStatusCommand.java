package io.levity.cli.storage;

import io.levity.storage.client.FileStatus;
import io.levity.storage.client.ShardState;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code levity storage status ROOT}: where each shard is and whether it verifies. */
@Command(name = "status")
public final class StorageStatusCommand implements Callable<Integer> {
  @Mixin FileRootParameter root;
  @Mixin StorageClientOptions client;

  @Override
  public Integer call() throws IOException, InterruptedException {
    return client.run(false, c -> print(c.status(root.root()), client.out()));
  }

  private static int print(FileStatus s, PrintWriter out) {
    out.printf(
        "file %s: %d bytes, %d+%d code%n",
        s.submission().fileRoot(),
        s.submission().length(),
        s.submission().dataShards(),
        s.submission().parityShards());
    for (ShardState st : s.shards()) {
      out.printf(
          "  shard %-3d %-8s %-21s %s%n",
          st.index(), st.health().name().toLowerCase(Locale.ROOT), st.endpoint(), st.detail());
    }
    out.printf(
        "%d present, %d missing, %d corrupt: %s%n",
        s.count(ShardState.Health.PRESENT),
        s.count(ShardState.Health.MISSING),
        s.count(ShardState.Health.CORRUPT),
        s.healthy() ? "healthy" : s.readable() ? "readable, needs repair" : "NOT READABLE");
    return s.healthy() ? 0 : s.readable() ? 3 : 1;
  }
}
