package io.levity.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimCommandTest {
  private record Run(int exit, String out) {
    String lastLine() {
      String[] lines = out.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  private static Run run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      CommandLine cl = new CommandLine(new SimCommand());
      cl.setCaseInsensitiveEnumValuesAllowed(true);
      int exit = cl.execute(args);
      return new Run(exit, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
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
