package io.levity.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code levity sim consensus}: passing and failing seeds, usage errors, the summary line. */
class SimCommandTest {
  private record Run(int exit, String out) {
    String lastLine() {
      return out.strip().lines().reduce((a, b) -> b).orElse("");
    }
  }

  private static Run run(String... args) {
    StringWriter buf = new StringWriter();
    CommandLine cl = new CommandLine(new SimCommand());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(new PrintWriter(buf, true));
    int exit = cl.execute(args);
    return new Run(exit, buf.toString());
  }

  @Test
  void passingSeedsEndWithTheSummaryLineAndExitZero() {
    Run r =
        run(
            "consensus",
            "--validators",
            "4",
            "--byzantine",
            "1",
            "--seeds",
            "6",
            "--start",
            "10",
            "--rounds",
            "60");
    assertThat(r.exit()).isZero();
    assertThat(r.lastLine()).isEqualTo("6 passed, 0 failed");
    assertThat(r.out()).contains("seeds 10..15").contains("commits/sim-s");
  }

  @Test
  void aBrokenNodeFailsSeedsWithDetailsAndANonZeroExit() {
    Run r =
        run(
            "consensus",
            "--validators",
            "4",
            "--seeds",
            "4",
            "--rounds",
            "60",
            "--unsafe-fault",
            "vote_twice",
            "--behaviours",
            "equivocate");
    assertThat(r.exit()).isNotZero();
    assertThat(r.out()).contains("FAIL seed").contains("HONEST_EQUIVOCATION").contains("metrics:");
    assertThat(r.lastLine()).matches("\\d+ passed, [1-9]\\d* failed");
  }

  @Test
  void anImpossibleFaultBudgetIsAUsageError() {
    Run r = run("consensus", "--validators", "3", "--byzantine", "1", "--seeds", "1");
    assertThat(r.exit()).isEqualTo(2);
  }
}
