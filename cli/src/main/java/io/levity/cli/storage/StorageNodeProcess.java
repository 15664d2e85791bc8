package io.levity.cli.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code levity storage node} in a child JVM (same java binary and class path as this process, with
 * the Vector API module), for benchmarks and multi-process tests. Its output goes to {@code
 * DATA-DIR.log}; {@link #endpoint} is known once it printed its "listening on" line. {@link #stop}
 * ends it cleanly (SIGTERM), {@link #kill} crashes it.
 */
public final class StorageNodeProcess implements AutoCloseable {
  private static final String READY = " listening on ";

  private final Process process;
  private final Path dataDir;
  private final Path log;
  private final CompletableFuture<String> ready = new CompletableFuture<>();

  private StorageNodeProcess(Process process, Path dataDir, Path log) {
    this.process = process;
    this.dataDir = dataDir;
    this.log = log;
    Thread.ofPlatform().name("storage-node-output").daemon().start(this::pump);
  }

  /**
   * Starts a node keeping its data in {@code dataDir} on the shared chain file {@code chainFile}.
   */
  public static StorageNodeProcess start(
      Path dataDir, Path chainFile, int port, String... extraArgs) throws IOException {
    return start(dataDir, chainFile, port, List.of(), extraArgs);
  }

  /**
   * As {@link #start(Path, Path, int, String...)} with extra JVM options for the child (e.g. for
   * fast startup).
   */
  public static StorageNodeProcess start(
      Path dataDir, Path chainFile, int port, List<String> jvmOptions, String... extraArgs)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    boolean vector = false;
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("-agent")
          || a.startsWith("-javaagent")
          || a.startsWith("-Xrunjdwp")
          || a.startsWith("-Xmx")) {
        continue;
      }
      vector |= a.contains("jdk.incubator.vector");
      cmd.add(a);
    }
    if (!vector) cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
    cmd.addAll(jvmOptions);
    cmd.addAll(
        List.of(
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            "io.levity.cli.Levity",
            "storage",
            "node",
            "--data-dir",
            dataDir.toString(),
            "--chain-file",
            chainFile.toString(),
            "--port",
            Integer.toString(port)));
    cmd.addAll(List.of(extraArgs));
    Files.createDirectories(dataDir);
    Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    return new StorageNodeProcess(p, dataDir, log);
  }

  private void pump() {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out =
            new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      for (String line; (line = in.readLine()) != null; ) {
        out.println(line);
        int at = line.indexOf(READY);
        if (!ready.isDone() && line.startsWith("storage node ") && at > 0) {
          ready.complete(line.substring(at + READY.length()).trim());
        }
      }
    } catch (IOException e) {
      // the process ended or was stopped
    }
    ready.completeExceptionally(
        new IOException("storage node in " + dataDir + " exited before it served; see " + log));
  }

  /** Waits until the node serves and returns its {@code host:port}. */
  public String awaitEndpoint(Duration timeout) throws IOException, InterruptedException {
    try {
      return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException(
          "storage node in " + dataDir + " did not serve within " + timeout + "; see " + log);
    } catch (ExecutionException e) {
      throw new IOException(e.getCause().getMessage(), e.getCause());
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Ends it with SIGTERM (its shutdown hook closes the store) and waits. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) kill();
  }

  /** Ends it with SIGKILL, as a crash would, and waits. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(15, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) stop();
  }
}
