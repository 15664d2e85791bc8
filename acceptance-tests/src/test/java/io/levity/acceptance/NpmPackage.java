package io.levity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.cli.process.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A pinned npm package folder of this module (js, js-tools, hardhat-dev): found from its system
 * property, installed from its package-lock.json ({@code npm ci}) when a package is missing.
 * Without node, or without npm when something must be installed, the test is skipped with a
 * message; a failed install fails it.
 */
final class NpmPackage {
  private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);

  private NpmPackage() {}

  /** The folder named by system property {@code property} (default {@code folder}). */
  static Path folder(String property, String folder) {
    return Path.of(System.getProperty(property, folder)).toAbsolutePath().normalize();
  }

  /**
   * Makes sure node runs and every package in {@code packages} is installed in {@code dir}; {@code
   * what} names the test in skip messages.
   */
  static void ready(Path dir, String what, List<String> packages)
      throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        CommandResult.works("node", "--version"), "node is not installed: skipping " + what);
    if (packages.stream().allMatch(p -> Files.isDirectory(dir.resolve("node_modules").resolve(p))))
      return;
    Assumptions.assumeTrue(
        CommandResult.works("npm", "--version"),
        "npm is not installed and "
            + dir.resolve("node_modules")
            + " is missing: skipping "
            + what);
    CommandResult npm =
        CommandResult.run(List.of("npm", "ci", "--no-audit", "--no-fund"), dir, NPM_TIMEOUT);
    assertThat(npm.exitCode()).as("npm ci in %s:\n%s%s", dir, npm.stdout(), npm.stderr()).isZero();
  }
}
