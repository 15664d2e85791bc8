package io.levity.cli.storage;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code levity storage ...}: the erasure-coded storage network (docs/storage.md). */
@Command(
    name = "storage",
    subcommands = {
      StorageNodeCommand.class,
      StorageUploadCommand.class,
      StorageDownloadCommand.class,
      StorageStatusCommand.class,
      StorageRepairCommand.class,
      StorageDevnetCommand.class
    })
public final class StorageCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
