package io.levity.cli.storage;

import io.levity.storage.client.StorageClient;
import io.levity.storage.client.StorageException;
import io.levity.storage.shard.ShardVerificationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
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

  @Option(names = "--verbose")
  boolean verbose;

  ClientSettings settings() throws IOException {
    return new ClientSettings(network.file(), Optional.ofNullable(workDir));
  }

  PrintWriter out() {
    return command.commandLine().getOut();
  }

  PrintWriter err() {
    return command.commandLine().getErr();
  }

  /**
   * Runs {@code work} with a client; a failure (storage, file system, chain) is one line on stderr
   * and exit 1, with its stack trace only under {@code --verbose}.
   */
  int run(boolean repairOnDownload, Work work) throws InterruptedException {
    try (StorageClient client = settings().open(repairOnDownload)) {
      return work.run(client);
    } catch (StorageException
        | ShardVerificationException
        | IllegalStateException
        | IllegalArgumentException
        | IOException
        | UncheckedIOException e) {
      if (verbose) e.printStackTrace(err());
      return fail(oneLine(e));
    }
  }

  /** The message of {@code e} (its type when it has none) on one line. */
  private static String oneLine(Exception e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) m = e.getClass().getSimpleName();
    if (e instanceof NoSuchFileException) m = "no such file: " + m;
    if (e instanceof AccessDeniedException) m = "permission denied: " + m;
    return m.replaceAll("\\s*\\R\\s*", " ");
  }

  /** Prints {@code levity storage <command>: reason} on stderr; returns exit code 1. */
  int fail(String reason) {
    err().println("levity storage " + command.name() + ": " + reason);
    return 1;
  }
}
