package io.levity.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository root (where bench/ and docs/ live): -Dlevity.home, set by ./levity, else the
 * working dir.
 */
final class LevityHome {
  private LevityHome() {}

  static Path root() {
    String home = System.getProperty("levity.home");
    Path p = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("bench"))) p = p.getParent();
    if (p == null) {
      throw new IllegalStateException(
          "cannot find the Levity repository (run through ./levity or from inside it)");
    }
    return p;
  }
}
