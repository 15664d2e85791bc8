package io.levity.acceptance;

import io.levity.cli.process.CommandResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Commands run beside a devnet to their end: {@code levity ...} from the built jar (with the
 * storage JVM options) or any other program. A command that times out fails the test with its
 * stderr and the tail of the devnet's log.
 */
final class JarCommands {
  private final Path dir;
  private final Duration timeout;
  private final Supplier<String> devnetLog;

  JarCommands(Path dir, Duration timeout, Supplier<String> devnetLog) {
    this.dir = dir;
    this.timeout = timeout;
    this.devnetLog = devnetLog;
  }

  /** {@code levity args...} from the jar, run in the work folder. */
  CommandResult levity(String... args) throws IOException, InterruptedException {
    return run(
        LevityCli.launcher().withJvmOptions(LevityCli.STORAGE_JVM).command(List.of(args)), dir);
  }

  /** {@code command} run in {@code in}. */
  CommandResult run(List<String> command, Path in) throws IOException, InterruptedException {
    CommandResult r = CommandResult.run(command, in, timeout);
    if (r.exitCode() == CommandResult.TIMED_OUT) {
      throw new AssertionError(
          String.join(" ", command)
              + " did not finish within "
              + timeout
              + "\nstderr:\n"
              + r.stderr()
              + "\ndevnet log tail:\n"
              + devnetLog.get());
    }
    return r;
  }
}
