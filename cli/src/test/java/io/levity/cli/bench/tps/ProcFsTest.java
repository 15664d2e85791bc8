package io.levity.cli.bench.tps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Parsing /proc lines (fixtures copied from a Linux machine) and what a run's samples cost. */
class ProcFsTest {
  @Test
  void cpuTicksAreUtimePlusStime() {
    String stat =
        "11459 (java) S 11401 11401 8549 0 -1 4194560 512331 0 12 0 8421 977 0 0 20 0 97 0 "
            + "8425148 9123450880 301234 18446744073709551615 1 1 0 0 0 0 0 4096 17102 0 0 0 17 1";
    assertThat(ProcFs.cpuTicks(stat)).isEqualTo(8421 + 977);
  }

  @Test
  void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
    String stat =
        "12190 (node (hardhat) x) R 12180 12180 8549 0 -1 4194304 98 0 0 0 300 45 7 9 20 0 11 0 "
            + "8425148 3133440 359 18446744073709551615";
    assertThat(ProcFs.cpuTicks(stat)).isEqualTo(345); // children's 7 and 9 not counted
    assertThatThrownBy(() -> ProcFs.cpuTicks("12190 node R 1 2"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void memoryIsVmRssAndVmHwm() {
    String status =
        """
        Name:\tjava
        VmPeak:\t 9123450 kB
        VmHWM:\t  1412340 kB
        VmRSS:\t  1204996 kB
        Threads:\t97
        """;
    assertThat(ProcFs.memory(status)).isEqualTo(new ProcFs.Memory(1_204_996, 1_412_340));
    // a zombie has no VmRSS line
    assertThat(ProcFs.memory("Name:\tnode\nState:\tZ (zombie)\n").known()).isFalse();
    assertThat(new ProcFs.Memory(1, 2).plus(new ProcFs.Memory(10, 20)))
        .isEqualTo(new ProcFs.Memory(11, 22));
    assertThat(new ProcFs.Memory(1, 2).plus(ProcFs.Memory.UNKNOWN).known()).isFalse();
  }

  @Test
  void machineBusyLeavesOutIdleAndIowait() {
    // user nice system idle iowait irq softirq steal guest guest_nice
    String line = "cpu  8410409 5189 572681 7691703 24255 10 19276 53859 700 0";
    assertThat(ProcFs.machineBusyTicks(line))
        .isEqualTo(8410409L + 5189 + 572681 + 10 + 19276 + 53859);
    assertThatThrownBy(() -> ProcFs.machineBusyTicks("cpu0 1 2 3 4 5 6 7"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void costPerTransactionAndCoresComeFromTheSamples() {
    long s = 1_000_000_000L;
    ResourceMeter.Sample start = new ResourceMeter.Sample(0, 5 * s, 2 * s, 100 * s);
    ResourceMeter.Sample end = new ResourceMeter.Sample(20 * s, 35 * s, 12 * s, 138 * s);
    ResourceMeter.Sample drained = new ResourceMeter.Sample(24 * s, 39 * s, 13 * s, 146 * s);
    ResourceUse u =
        ResourceUse.of(start, end, drained, 6_000, 8_000, new ProcFs.Memory(2048, 4096));
    assertThat(u.targetCpuSeconds()).isEqualTo(30.0);
    assertThat(u.targetCpuSecondsWithDrain()).isEqualTo(34.0);
    assertThat(u.cpuSecondsPerCommittedTx()).isEqualTo(0.005);
    assertThat(u.cpuSecondsPerIncludedTx()).isEqualTo(34.0 / 8_000);
    assertThat(u.targetCores()).isEqualTo(1.5);
    assertThat(u.clientCores()).isEqualTo(0.5);
    assertThat(u.machineCores()).isEqualTo(1.9);
    assertThat(u.rssKib()).isEqualTo(2048);
    assertThat(u.peakRssKib()).isEqualTo(4096);
  }

  @Test
  void anUnmeteredTargetIsUnknownNotZero() {
    ResourceMeter.Sample start = new ResourceMeter.Sample(0, -1, 0, -1);
    ResourceMeter.Sample end = new ResourceMeter.Sample(10_000_000_000L, -1, 4_000_000_000L, -1);
    ResourceUse u = ResourceUse.of(start, end, end, 0, 0, ProcFs.Memory.UNKNOWN);
    assertThat(u.targetCpuSeconds()).isEqualTo(-1);
    assertThat(u.cpuSecondsPerCommittedTx()).isEqualTo(-1);
    assertThat(u.targetCores()).isEqualTo(-1);
    assertThat(u.machineCores()).isEqualTo(-1);
    assertThat(u.clientCores()).isEqualTo(0.4);
    assertThat(u.rssKib()).isEqualTo(-1);
    assertThat(ResultTable.figure(u.targetCores(), u.targetCores(), "%.2f")).isEqualTo("n/a");
  }

  @Test
  void theMeterReadsThisProcessLive() {
    ResourceMeter meter = new ResourceMeter(OptionalLong.of(ProcessHandle.current().pid()));
    ResourceMeter.Sample a = meter.sample();
    long x = 0;
    for (long i = 0; i < 300_000_000L; i++) x += i ^ (x >>> 3);
    ResourceMeter.Sample b = meter.sample();
    assertThat(x).isNotZero();
    assertThat(b.targetCpuNanos()).isGreaterThan(a.targetCpuNanos());
    assertThat(b.clientCpuNanos()).isGreaterThan(a.clientCpuNanos());
    assertThat(meter.memory().rssKib()).isPositive();
  }
}
