package io.levity.cli.storage;

import io.levity.storage.client.DownloadResult;
import io.levity.storage.client.StorageClient;
import io.levity.storage.client.StorageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code levity storage download ROOT OUT}: fetches, verifies and writes a file. */
@Command(name = "download")
public final class StorageDownloadCommand implements Callable<Integer> {
  @Mixin FileRootParameter root;

  @Parameters(index = "1", paramLabel = "OUT")
  Path out;

  @Option(names = "--no-repair")
  boolean noRepair;

  @Mixin StorageClientOptions client;

  @Override
  public Integer call() throws IOException, InterruptedException {
    // The destination is checked before the network is even opened: a bad OUT fails at once.
    try {
      StorageClient.checkDestination(out);
    } catch (StorageException e) {
      return client.fail(e.getMessage());
    }
    return client.run(
        !noRepair, c -> print(c.download(root.root(), out, new StderrProgress(client.err()))));
  }

  private int print(DownloadResult r) {
    PrintWriter err = client.err();
    client
        .out()
        .println(
            "wrote "
                + r.length()
                + " bytes to "
                + out
                + " (root "
                + r.fileRoot()
                + " verified; shards "
                + r.usedShards()
                + ")");
    r.bad().forEach((i, why) -> err.println("shard " + i + " " + why));
    if (r.repair() != null) {
      r.repair().repaired().forEach((i, ep) -> err.println("repaired shard " + i + " onto " + ep));
      r.repair()
          .failed()
          .forEach((i, why) -> err.println("could not repair shard " + i + ": " + why));
    }
    return 0;
  }
}
