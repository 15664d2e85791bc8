package io.levity.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.cli.LevityRun;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A short chaos run, as the default suite's check that the network survives kills and a partition
 * under load: four node processes, two SIGKILLs and one partition in 40 s, nothing lost, every node
 * on the same chain. Longer runs are on demand (docs/security.md, "Chaos").
 */
class ChaosCommandIT {
  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void fourNodesSurviveTwoKillsAndAPartitionUnderLoadLosingNothing() {
    LevityRun run =
        LevityRun.run(
            "chaos",
            "--duration",
            "40s",
            "--kills",
            "2",
            "--partitions",
            "1",
            "--seed",
            "11",
            "--rate",
            "10");
    String output = run.out() + run.err();
    assertThat(run.exit()).as(output).isZero();
    assertThat(output)
        .contains("schedule (seed 11):")
        .contains("transactions lost          0")
        .contains("kills survived             2 of 2")
        .contains("partitions healed          1 of 1")
        .contains("nodes agree                yes")
        .contains("PASSED");
    assertThat(output).containsPattern("transactions acknowledged  [1-9]\\d{2}");
  }
}
