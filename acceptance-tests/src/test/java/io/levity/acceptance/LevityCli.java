package io.levity.acceptance;

import io.levity.cli.process.CommandResult;
import io.levity.cli.process.LevityLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The built CLI jar the acceptance tests run as separate processes, and one-shot runs of it. */
final class LevityCli {
  /** JVM options of the commands that run storage code: native access and the SIMD kernel. */
  static final List<String> STORAGE_JVM =
      List.of("--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector");

  private LevityCli() {}

  /** The jar (system property {@code levity.cli.jar}, set by the pom); fails when not built. */
  static Path jar() {
    Path jar =
        Path.of(System.getProperty("levity.cli.jar", "../cli/target/levity-cli.jar"))
            .toAbsolutePath()
            .normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "CLI jar not found at "
              + jar
              + "; build it first: mvn -o -B install -pl cli -DskipTests (or ./levity --version)");
    }
    return jar;
  }

  /** Runs the jar with no JVM options. */
  static LevityLauncher launcher() {
    return LevityLauncher.fromJar(jar());
  }

  /** Runs {@code levity args...} to its end in {@code dir} with {@code jvmOptions}. */
  static CommandResult run(Path dir, Duration timeout, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    return CommandResult.run(launcher().withJvmOptions(jvmOptions).command(args), dir, timeout);
  }
}
