package io.levity.cli.storage;

import io.levity.storage.client.DownloadResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code levity storage download ROOT OUT}: fetches, verifies and writes a file. */
@Command(
    name = "download",
    description = {
      "Fetches, verifies and writes a file.",
      "Fetches k verified shards of the file ROOT (data shards first, others when some are missing or "
          + "corrupt), decodes them, checks the file root and writes OUT atomically. Shards found missing or "
          + "corrupt are repaired afterwards unless --no-repair. Exit 1, with nothing written, when fewer "
          + "than k shards can be fetched or the result does not verify."
    })
public final class StorageDownloadCommand implements Callable<Integer> {
  @Mixin FileRootParameter root;

  @Parameters(index = "1", paramLabel = "OUT", description = "Where to write the file.")
  Path out;

  @Option(names = "--no-repair", description = "Do not repair shards found missing or corrupt.")
  boolean noRepair;

  @Mixin StorageClientOptions client;

  @Override
  public Integer call() throws IOException, InterruptedException {
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
