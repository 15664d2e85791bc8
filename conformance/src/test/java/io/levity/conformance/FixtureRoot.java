package io.levity.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

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
