package io.levity.cli.storage;

import io.levity.storage.client.UploadResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code levity storage upload FILE}: stores a file; the last line printed is its root. */
@Command(name = "upload")
public final class StorageUploadCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @Mixin StorageClientOptions client;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!Files.isRegularFile(file)) return client.fail("no such file: " + file);
    return client.run(false, c -> print(c.upload(file, new StderrProgress(client.err()))));
  }

  private int print(UploadResult r) {
    PrintWriter out = client.out();
    PrintWriter err = client.err();
    int shards = r.placed().size() + r.unplaced().size();
    out.println(
        "stored " + r.placed().size() + " of " + shards + " shards of " + r.length() + " bytes");
    r.placed().forEach((i, ep) -> out.println("  shard " + i + " -> " + ep));
    if (!r.complete()) {
      err.println(
          "WARNING: "
              + r.unplaced().size()
              + " shards could not be stored (redundancy is reduced until a repair):");
      r.unplaced().forEach((i, why) -> err.println("  shard " + i + ": " + why));
    }
    out.println(r.fileRoot().toHex());
    return 0;
  }
}
