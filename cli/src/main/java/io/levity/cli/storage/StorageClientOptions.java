package io.levity.cli.storage;

import io.levity.storage.client.StorageClient;
import io.levity.storage.client.StorageException;
import io.levity.storage.shard.ShardVerificationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --network} and {@code --work-dir} of the client commands, and the one way they open a
 * client, print and report a failure: {@code levity storage <command>: <reason>} on stderr, exit 1.
 */
final class StorageClientOptions {
  /** One command's work with an open client; returns the exit code. */
  @FunctionalInterface
  interface Work {
    int run(StorageClient client) throws IOException, InterruptedException;
  }

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Mixin StorageNetworkOption network;

  @Option(names = "--work-dir", paramLabel = "DIR")
  Path workDir;

  ClientSettings settings() {
    return new ClientSettings(network.file(), Optional.ofNullable(workDir));
  }

  PrintWriter out() {
    return command.commandLine().getOut();
  }

  PrintWriter err() {
    return command.commandLine().getErr();
  }

  /** Runs {@code work} with a client; a storage failure is printed and exits 1. */
  int run(boolean repairOnDownload, Work work) throws IOException, InterruptedException {
    try (StorageClient client = settings().open(repairOnDownload)) {
      return work.run(client);
    } catch (StorageException | ShardVerificationException | IllegalStateException e) {
      return fail(e.getMessage());
    }
  }

  /** Prints {@code levity storage <command>: reason} on stderr; returns exit code 1. */
  int fail(String reason) {
    err().println("levity storage " + command.name() + ": " + reason);
    return 1;
  }
}
