package io.levity.cli.storage;

import io.levity.storage.client.StorageClient;
import io.levity.storage.client.StorageException;
import io.levity.storage.client.UploadResult;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code levity storage upload FILE}: stores a file; the last line printed is its root. */
@Command(
    name = "upload",
    mixinStandardHelpOptions = true,
    description = {
      "Stores a file; prints its root.",
      "Erasure-codes FILE, records it on the chain and sends each shard to its node (falling back to "
          + "spare nodes when one is down). Prints the file root (0x + 64 hex digits) on the last line; "
          + "progress and warnings go to stderr. Exit 0 when at least k shards were stored (a warning lists "
          + "any that were not: run 'levity storage repair ROOT' later), 1 on failure."
    })
public final class StorageUploadCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @Mixin NetworkOptions network;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) {
      err.println("levity storage upload: no such file: " + file);
      return 1;
    }
    try (StorageClient client = network.client(false)) {
      UploadResult r = client.upload(file, new StderrProgress(err));
      out.println(
          "stored "
              + r.placed().size()
              + " of "
              + (r.placed().size() + r.unplaced().size())
              + " shards of "
              + r.length()
              + " bytes");
      r.placed().forEach((i, ep) -> out.println("  shard " + i + " -> " + ep));
      if (!r.complete()) {
        err.println(
            "WARNING: "
                + r.unplaced().size()
                + " shards could not be stored (redundancy is reduced until a"
                + " repair):");
        r.unplaced().forEach((i, why) -> err.println("  shard " + i + ": " + why));
      }
      out.println(r.fileRoot().toHex());
      return 0;
    } catch (StorageException | IllegalStateException e) {
      err.println("levity storage upload: " + e.getMessage());
      return 1;
    }
  }
}
