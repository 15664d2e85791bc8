package io.levity.cli.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A process this one started and watches: its output (stdout and stderr merged) goes to a log file
 * and is scanned for the line that says it is ready; the last lines are kept for error messages.
 * {@link #stop} asks it and every process it started to end (SIGTERM, so a node's shutdown hook
 * closes its stores), {@link #kill} ends it as a crash would (SIGKILL). Should this JVM end first
 * (Ctrl-C), a shutdown hook stops the child.
 */
public final class ChildProcess implements AutoCloseable {
  /** How long {@link #close} lets the process end cleanly before it kills it. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(15);

  private static final int TAIL_LINES = 40;

  private final String label;
  private final Process process;
  private final Path log;
  private final Deque<String> tail = new ArrayDeque<>();
  private final CompletableFuture<String> ready = new CompletableFuture<>();
  private final Thread onExit;

  /**
   * How to start one: {@code label} names it in messages; {@code dir} is its working directory
   * (null: this process's); {@code readiness} is applied to each output line and returns non-null
   * (what {@link #awaitReady} gives back) on the line that says the process is ready.
   */
  public record Launch(
      String label,
      List<String> command,
      Path dir,
      Path log,
      boolean appendLog,
      Function<String, String> readiness) {
    public Launch {
      Objects.requireNonNull(label, "label");
      command = List.copyOf(command);
      Objects.requireNonNull(log, "log");
      Objects.requireNonNull(readiness, "readiness");
    }

    /** The same in working directory {@code dir}. */
    public Launch in(Path dir) {
      return new Launch(label, command, dir, log, appendLog, readiness);
    }

    /** The same, adding to the log file instead of starting it over (for restarts). */
    public Launch appendingLog() {
      return new Launch(label, command, dir, log, true, readiness);
    }

    /** The same, ready on the line {@code readiness} gives a value for. */
    public Launch readyWhen(Function<String, String> readiness) {
      return new Launch(label, command, dir, log, appendLog, readiness);
    }

    /** Starts it. */
    public ChildProcess start() throws IOException {
      Path parent = log.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      if (dir != null) pb.directory(dir.toFile());
      return new ChildProcess(this, pb.start());
    }
  }

  /** A launch of {@code command} logging to {@code log}, never reported ready. */
  public static Launch launch(String label, List<String> command, Path log) {
    return new Launch(label, command, null, log, false, line -> null);
  }

  private ChildProcess(Launch launch, Process process) {
    this.label = launch.label();
    this.process = process;
    this.log = launch.log();
    this.onExit =
        Thread.ofPlatform().name(label + "-stop").unstarted(() -> stopTree(Duration.ofSeconds(5)));
    Runtime.getRuntime().addShutdownHook(onExit);
    Thread.ofPlatform()
        .name(label + "-output")
        .daemon()
        .start(() -> pump(launch.readiness(), launch.appendLog()));
  }

  private void pump(Function<String, String> readiness, boolean append) {
    StandardOpenOption mode =
        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out =
            new PrintWriter(
                Files.newBufferedWriter(
                    log,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    mode),
                true)) {
      for (String line; (line = in.readLine()) != null; ) {
        out.println(line);
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) tail.removeFirst();
        }
        if (!ready.isDone()) {
          String v = readiness.apply(line);
          if (v != null) ready.complete(v);
        }
      }
    } catch (IOException e) {
      // the process closed its output (it ended, or was stopped); awaitReady reports the exit
    }
    ready.completeExceptionally(
        new IOException(
            label + " exited with code " + exitCode() + " before it was ready (log: " + log + ")"));
  }

  /** Waits for the ready line; on timeout or exit, throws with the last lines of output. */
  public String awaitReady(Duration timeout) throws IOException, InterruptedException {
    try {
      return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException(
          label
              + " was not ready within "
              + timeout.toSeconds()
              + " s (log: "
              + log
              + "); last output:\n"
              + tail());
    } catch (ExecutionException e) {
      throw new IOException(e.getCause().getMessage() + "; last output:\n" + tail(), e.getCause());
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /** The last lines of its output. */
  public String tail() {
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
   * Asks the process and its descendants to end (SIGTERM), waits up to {@code grace}, then kills
   * what is left. If this thread is interrupted it kills at once and keeps the interrupt flag.
   */
  public void stop(Duration grace) {
    if (!forgetShutdownHook()) return; // the JVM is shutting down: the hook is stopping it
    stopTree(grace);
  }

  /** Ends it with SIGKILL, as a crash would (no shutdown hook runs), and waits for it. */
  public void kill() {
    forgetShutdownHook();
    process.destroyForcibly();
    try {
      process.waitFor(DEFAULT_GRACE.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@link #stop} with {@link #DEFAULT_GRACE} if it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) stop(DEFAULT_GRACE);
    else forgetShutdownHook();
  }

  /** False when the JVM is shutting down already. */
  private boolean forgetShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
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
}
