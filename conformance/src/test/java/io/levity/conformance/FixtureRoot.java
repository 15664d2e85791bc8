package io.levity.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Locates the ethereum/tests fixtures for the test suite: $LEVITY_ETH_TESTS, then
 * -Dlevity.eth.tests, then ../shared/ethereum-tests beside the repository. Absent fixtures skip the
 * calling test with a visible message (checked per test, not per class: surefire counts a
 * class-level abort as zero tests, which reads as a pass).
 */
final class FixtureRoot {
  private FixtureRoot() {}

  static Path resolve() {
    String env = System.getenv("LEVITY_ETH_TESTS");
    if (env != null && !env.isBlank()) return Path.of(env);
    String prop = System.getProperty("levity.eth.tests");
    if (prop != null && !prop.isBlank()) return Path.of(prop);
    return Path.of("..", "..", "shared", "ethereum-tests").toAbsolutePath().normalize();
  }

  /** Events of a runner as "passed NAME", "failed NAME: REASON", "skipped NAME: REASON". */
  static CaseSink recorder(List<String> events) {
    return (name, status, reason) ->
        events.add(
            status.name().toLowerCase(Locale.ROOT)
                + " "
                + name
                + (reason == null ? "" : ": " + reason));
  }

  /**
   * Prints a run's totals, the cases rejected for another rule than the fixture names and the first
   * failures, then fails the test if any case failed.
   */
  static void report(
      String title, RefTestSuite.Summary summary, Map<String, Integer> mismatches, Path dir) {
    System.out.println(title + ": " + summary.line());
    if (!mismatches.isEmpty()) {
      System.out.println(
          "Rejected for another rule than the fixture names (expected -> ours: cases):");
      mismatches.forEach((k, v) -> System.out.println("  " + k + ": " + v));
    }
    summary.failures().stream()
        .limit(40)
        .forEach(
            o ->
                System.out.println(
                    "FAILED " + dir.relativize(o.file()) + " " + o.caseName() + ": " + o.reason()));
    assertThat(summary.failed()).as("failed cases").isZero();
  }

  /** The fixture sub-folder, or a skipped test when it is missing. */
  static Path require(String sub) {
    Path p = resolve().resolve(sub);
    if (!Files.isDirectory(p)) {
      String msg =
          "SKIPPED: ethereum/tests fixtures not found at "
              + p
              + " (set LEVITY_ETH_TESTS to the ethereum-tests folder)";
      System.out.println(msg);
      assumeTrue(false, msg);
    }
    return p;
  }
}
