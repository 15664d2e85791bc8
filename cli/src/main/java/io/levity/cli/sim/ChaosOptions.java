package io.levity.cli.sim;

import io.levity.consensus.sim.SafetyFault;
import io.levity.consensus.sim.SimConfig;
import picocli.CommandLine.Option;

/** The network's faults before GST (losses, duplicates, partitions, crashes) and its latency. */
final class ChaosOptions {
  /**
   * The faults.
   *
   * @param latencyMillis mean exponential part of a message's delay, on top of 5 ms
   * @param unsafeFault a deliberate bug in honest nodes, to see the checkers catch it
   */
  record Chaos(
      double dropRate,
      double duplicateRate,
      boolean partitions,
      boolean crashes,
      double latencyMillis,
      SafetyFault unsafeFault) {
    void applyTo(SimConfig.Builder b) {
      b.dropRate = dropRate;
      b.duplicateRate = duplicateRate;
      b.partitions = partitions;
      b.crashes = crashes;
      SimConfig.Latency d = SimConfig.Latency.DEFAULT;
      b.latency =
          new SimConfig.Latency(
              5, latencyMillis, d.spikeRate(), d.spikeMaxMillis(), d.gstCapMillis());
      b.safetyFault = unsafeFault;
    }
  }

  @Option(names = "--drop-rate", paramLabel = "P", description = "Message loss before GST.")
  double dropRate = 0.02;

  @Option(names = "--duplicate-rate", paramLabel = "P", description = "Duplicated messages.")
  double duplicateRate = 0.01;

  @Option(
      names = "--no-partitions",
      description = "No network partitions before GST (they are on by default).")
  boolean noPartitions;

  @Option(
      names = "--no-crashes",
      description = "No crashes and restarts before GST (they are on by default).")
  boolean noCrashes;

  @Option(
      names = "--latency-ms",
      paramLabel = "MS",
      description = "Mean exponential part of the message delay, on top of 5 ms.")
  double latencyMillis = 20;

  @Option(
      names = "--unsafe-fault",
      paramLabel = "FAULT",
      hidden = true,
      description =
          "Test only: break honest nodes on purpose (${COMPLETION-CANDIDATES}) to see the checkers catch it.")
  SafetyFault unsafeFault = SafetyFault.NONE;

  Chaos chaos() {
    return new Chaos(
        dropRate, duplicateRate, !noPartitions, !noCrashes, latencyMillis, unsafeFault);
  }
}
