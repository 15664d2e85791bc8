package io.levity.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.cli.chaos.ChaosSchedule.Fault;
import io.levity.cli.chaos.ChaosSchedule.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosScheduleTest {
  private static final Duration THREE_MINUTES = Duration.ofMinutes(3);

  @Test
  void theSameSeedReplaysTheSameScheduleAndAnotherSeedDrawsAnother() {
    ChaosSchedule a = ChaosSchedule.plan(42, 4, THREE_MINUTES, 6, 3);
    assertThat(ChaosSchedule.plan(42, 4, THREE_MINUTES, 6, 3)).isEqualTo(a);
    assertThat(ChaosSchedule.plan(43, 4, THREE_MINUTES, 6, 3).faults()).isNotEqualTo(a.faults());
    assertThat(a.describe()).startsWith("schedule (seed 42):").contains("KILL", "PARTITION");
  }

  @Test
  void faultsAreCountedNeverOverlapAndLeaveTimeToRecover() {
    for (long seed = 0; seed < 200; seed++) {
      ChaosSchedule s = ChaosSchedule.plan(seed, 7, THREE_MINUTES, 6, 3);
      assertThat(s.count(Kind.KILL)).isEqualTo(6);
      assertThat(s.count(Kind.PARTITION)).isEqualTo(3);
      List<Fault> faults = s.faults();
      long slot = THREE_MINUTES.toMillis() / 9;
      for (int i = 0; i < faults.size(); i++) {
        Fault f = faults.get(i);
        assertThat(f.node()).isBetween(0, 6);
        assertThat(f.at().toMillis()).isBetween(i * slot, i * slot + slot / 4);
        assertThat(f.hold()).isPositive();
        // repaired by mid-slot: half the slot is left for the validator to catch up
        assertThat(f.repairAt().toMillis()).isLessThanOrEqualTo(i * slot + slot / 2);
        if (i > 0) assertThat(f.at()).isGreaterThan(faults.get(i - 1).repairAt());
      }
    }
  }

  @Test
  void refusesANetworkThatToleratesNoFaultAndADurationTooShortForTheFaults() {
    assertThatThrownBy(() -> ChaosSchedule.plan(1, 3, THREE_MINUTES, 1, 0))
        .hasMessageContaining("tolerates no fault");
    assertThat(ChaosSchedule.plan(1, 3, THREE_MINUTES, 0, 0).faults()).isEmpty();
    assertThatThrownBy(() -> ChaosSchedule.plan(1, 4, Duration.ofSeconds(20), 2, 1))
        .hasMessageContaining("too short for 3 faults");
    assertThatThrownBy(() -> ChaosSchedule.plan(1, 4, THREE_MINUTES, -1, 0))
        .hasMessageContaining("negative");
  }
}
