package io.levity.cli.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A short command run to its end (a tool's version, an npm install, one CLI call): its exit code
 * and output.
 *
 * @param exitCode the exit code, or {@link #TIMED_OUT}
 */
public record CommandResult(int exitCode, String stdout, String stderr) {
  /** The exit code of a command that did not finish in time (it was killed). */
  public static final int TIMED_OUT = -1;

  /** Whether it exited with 0. */
  public boolean succeeded() {
    return exitCode == 0;
  }

  /** The last non-blank line of its standard output, or "". */
  public String lastLine() {
    return stdout.strip().lines().reduce((a, b) -> b).orElse("").strip();
  }

  /**
   * Runs {@code command} in {@code dir} (null: this process's working directory). Output goes
   * through temporary files, so no pipe can fill up; after {@code timeout} the command and every
   * process it started are killed and the result is {@link #TIMED_OUT} with the output so far.
   */
  public static CommandResult run(List<String> command, Path dir, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("levity-command-", ".out");
    Path err = Files.createTempFile("levity-command-", ".err");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      if (dir != null) pb.directory(dir.toFile());
      Process p = pb.start();
      int code;
      if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        code = p.exitValue();
      } else {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        code = TIMED_OUT;
      }
      return new CommandResult(
          code,
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * True when {@code command} starts and exits with 0 within 20 s (e.g. {@code node --version}).
   */
  public static boolean works(String... command) throws InterruptedException {
    try {
      return run(List.of(command), null, Duration.ofSeconds(20)).succeeded();
    } catch (IOException e) {
      return false;
    }
  }
}
