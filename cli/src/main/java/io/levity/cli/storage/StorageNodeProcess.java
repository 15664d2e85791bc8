package io.levity.cli.storage;

import io.levity.cli.process.ChildProcess;
import io.levity.cli.process.LevityLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code levity storage node} in a child JVM (this JVM's java binary, options and class path, with
 * the Vector API module and a 256 MB heap), for benchmarks and multi-process tests. Its output goes
 * to {@code DATA-DIR.log}; {@link #awaitEndpoint} returns once it printed its "listening on" line.
 * {@link #stop} ends it cleanly (SIGTERM), {@link #kill} crashes it.
 */
public final class StorageNodeProcess implements AutoCloseable {
  private static final String READY = " listening on ";

  private final ChildProcess process;
  private final Path dataDir;

  private StorageNodeProcess(ChildProcess process, Path dataDir) {
    this.process = process;
    this.dataDir = dataDir;
  }

  /**
   * Starts a node keeping its data in {@code dataDir} on the shared chain file {@code chainFile}.
   */
  public static StorageNodeProcess start(Path dataDir, Path chainFile, int port)
      throws IOException {
    return start(dataDir, chainFile, port, List.of());
  }

  /**
   * As {@link #start(Path, Path, int)} with extra JVM options for the child (e.g. for fast
   * startup).
   */
  public static StorageNodeProcess start(
      Path dataDir, Path chainFile, int port, List<String> jvmOptions) throws IOException {
    return start(dataDir, chainFile, port, jvmOptions, List.of());
  }

  /** As {@link #start(Path, Path, int, List)} with extra options for the node command. */
  public static StorageNodeProcess start(
      Path dataDir, Path chainFile, int port, List<String> jvmOptions, List<String> nodeOptions)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "storage",
                "node",
                "--data-dir",
                dataDir.toString(),
                "--chain-file",
                chainFile.toString(),
                "--port",
                Integer.toString(port)));
    args.addAll(nodeOptions);
    List<String> command =
        LevityLauncher.fromClassPath()
            .withVectorModule()
            .withJvmOptions(jvmOptions)
            .withMaxHeap("256m")
            .command(args);
    Files.createDirectories(dataDir);
    Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    ChildProcess p =
        ChildProcess.launch("storage-node-" + dataDir.getFileName(), command, log)
            .readyWhen(StorageNodeProcess::endpointOf)
            .start();
    return new StorageNodeProcess(p, dataDir);
  }

  /** The endpoint in the node's "storage node ID listening on HOST:PORT" line, else null. */
  static String endpointOf(String line) {
    int at = line.indexOf(READY);
    return line.startsWith("storage node ") && at > 0
        ? line.substring(at + READY.length()).trim()
        : null;
  }

  /** Waits until the node serves and returns its {@code host:port}. */
  public String awaitEndpoint(Duration timeout) throws IOException, InterruptedException {
    return process.awaitReady(timeout);
  }

  public Path dataDir() {
    return dataDir;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Ends it with SIGTERM (its shutdown hook closes the store) and waits. */
  public void stop() {
    process.stop(ChildProcess.DEFAULT_GRACE);
  }

  /** Ends it with SIGKILL, as a crash would, and waits. */
  public void kill() {
    process.kill();
  }

  @Override
  public void close() {
    process.close();
  }
}
