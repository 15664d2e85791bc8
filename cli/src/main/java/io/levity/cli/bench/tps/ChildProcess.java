package io.levity.cli.bench.tps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A chain process the benchmark started: its output (stdout and stderr merged) goes to a log file
 * and is scanned for the line that says it is ready; {@link #stop} ends it and every process it
 * started.
 */
final class ChildProcess {
  private final String label;
  private final Process process;
  private final Path log;
  private final Deque<String> tail = new ArrayDeque<>();
  private final CompletableFuture<String> ready = new CompletableFuture<>();

  /** Stops the child if the benchmark itself is stopped (Ctrl-C) before {@link #stop}. */
  private final Thread onExit;

  private ChildProcess(
      String label, Process process, Path log, Function<String, String> readiness) {
    this.label = label;
    this.process = process;
    this.log = log;
    this.onExit =
        Thread.ofPlatform().name(label + "-stop").unstarted(() -> stopTree(Duration.ofSeconds(5)));
    Runtime.getRuntime().addShutdownHook(onExit);
    Thread.ofPlatform().name(label + "-output").daemon().start(() -> pump(readiness));
  }

  /**
   * Starts {@code command} in {@code dir}. {@code readiness} is applied to each output line and
   * returns non-null (the value {@link #awaitReady} gives back) on the line that says the process
   * is ready.
   */
  static ChildProcess start(
      String label, List<String> command, Path dir, Path log, Function<String, String> readiness)
      throws IOException {
    Files.createDirectories(log.getParent());
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    return new ChildProcess(label, p, log, readiness);
  }

  private void pump(Function<String, String> readiness) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        out.println(line);
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > 20) tail.removeFirst();
        }
        if (!ready.isDone()) {
          String v = readiness.apply(line);
          if (v != null) ready.complete(v);
        }
      }
    } catch (IOException e) {
      // the process closed its output (it ended, or we stopped it); awaitReady reports the exit
    }
    ready.completeExceptionally(
        new IOException(label + " exited with code " + exitCode() + " before it was ready"));
  }

  /** Waits for the readiness line; on timeout or exit, throws with the last lines of output. */
  String awaitReady(Duration timeout) throws IOException, InterruptedException {
    try {
      return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException(
          label + " was not ready within " + timeout.toSeconds() + " s; last output:\n" + tail());
    } catch (ExecutionException e) {
      throw new IOException(e.getCause().getMessage() + "; last output:\n" + tail());
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  String tail() {
    synchronized (tail) {
      return String.join("\n", tail);
    }
  }

  private String exitCode() {
    try {
      return process.waitFor(2, TimeUnit.SECONDS)
          ? Integer.toString(process.exitValue())
          : "(still running)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(unknown)";
    }
  }

  /**
   * Asks the process and its descendants to end (SIGTERM, so a devnet's shutdown hook closes its
   * stores), waits up to {@code grace}, then kills what is left.
   */
  void stop(Duration grace) {
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (
        IllegalStateException
            e) { // the JVM is shutting down: the hook is stopping the child already
      return;
    }
    stopTree(grace);
  }

  private void stopTree(Duration grace) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) process.destroyForcibly();
      for (ProcessHandle d : descendants) {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        try {
          d.onExit().get(left, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
          d.destroyForcibly();
        }
      }
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      descendants.forEach(ProcessHandle::destroyForcibly);
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A port free on 127.0.0.1 right now (another process could take it before the child binds it).
   */
  static int freeLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
