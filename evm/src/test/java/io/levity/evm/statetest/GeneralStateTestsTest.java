package io.levity.evm.statetest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Cancun entries of the GeneralStateTests fixtures, run through the EVM with the test-only transaction layer of
 * {@link StateTestRunner}, compared by post-state root and logs hash. Skipped with a message when the fixtures are
 * absent.
 *
 * <p>By default a quick selection of folders runs (about 20 s); {@code -Dlevity.statetests=full} runs everything
 * except what only measures speed ({@code stTimeConsuming/CALLBlake2f_MaxRounds}, {@code VMTests/vmPerformance},
 * minutes each), and {@code -Dlevity.statetests=all} runs those too. {@code -Dlevity.statetests=<text>} runs files whose path
 * contains the text.
 */
class GeneralStateTestsTest {
  private static final List<String> QUICK = List.of("Cancun/", "Shanghai/", "stSStoreTest/", "stCreate2/",
      "stRevertTest/", "stStaticCall/", "stEIP150Specific/", "stEIP158Specific/", "stSelfBalance/", "stRefundTest/",
      "stReturnDataTest/", "stInitCodeTest/", "stCodeSizeLimit/", "stExtCodeHash/", "stShift/", "stMemoryTest/",
      "stChainId/", "stEIP2930/", "stLogTests/", "stSLoadTest/", "VMTests/vmArithmeticTest/",
      "VMTests/vmBitwiseLogicOperation/", "VMTests/vmIOandFlowOperations/");
  private static final List<String> SLOW = List.of("stTimeConsuming/CALLBlake2f_MaxRounds", "VMTests/vmPerformance/");

  static Path fixtureRoot() {
    String p = System.getProperty("levity.eth.tests");
    if (p == null || p.isBlank()) p = System.getenv("LEVITY_ETH_TESTS");
    if (p == null || p.isBlank()) p = "../../shared/ethereum-tests";
    return Path.of(p).resolve("GeneralStateTests");
  }

  private static boolean selected(String rel, String mode) {
    return switch (mode) {
      case "quick" -> QUICK.stream().anyMatch(rel::startsWith);
      case "full" -> SLOW.stream().noneMatch(rel::startsWith);
      case "all" -> true;
      default -> rel.contains(mode);
    };
  }

  @Test
  void cancunFixtures() throws IOException {
    runFork("Cancun", System.getProperty("levity.statetests", "quick"));
  }

  /** The few fixtures that still carry Shanghai entries check the Shanghai fork table. */
  @Test
  void shanghaiFixtures() throws IOException {
    runFork("Shanghai", "all");
  }

  private static boolean mentions(Path file, String fork) {
    try {
      return Files.readString(file).contains("\"" + fork + "\"");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void runFork(String fork, String mode) throws IOException {
    Path root = fixtureRoot();
    Assumptions.assumeTrue(Files.isDirectory(root), "GeneralStateTests not found at " + root + "; skipped");
    StateTestRunner runner = new StateTestRunner(fork);
    List<String> failures = new ArrayList<>();
    int passed = 0;
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().endsWith(".json"))
          .filter(p -> selected(root.relativize(p).toString(), mode)).filter(p -> mentions(p, fork)).sorted()
          .toList();
    }
    for (Path f : files) {
      for (StateTestRunner.CaseResult r : runner.runFile(f)) {
        if (r.passed()) passed++;
        else failures.add(root.relativize(f) + " " + r.name() + ": " + r.detail());
      }
    }
    System.out.println("GeneralStateTests (" + fork + ", " + mode + ", " + files.size() + " files): " + passed
        + " passed, " + failures.size() + " failed");
    failures.stream().limit(100).forEach(System.out::println);
    assertThat(failures).isEmpty();
  }
}
