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

  @Option(names = "--drop-rate", paramLabel = "P")
  double dropRate = 0.02;

  @Option(names = "--duplicate-rate", paramLabel = "P")
  double duplicateRate = 0.01;

  @Option(names = "--no-partitions")
  boolean noPartitions;

  @Option(names = "--no-crashes")
  boolean noCrashes;

  @Option(names = "--latency-ms", paramLabel = "MS")
  double latencyMillis = 20;

  @Option(names = "--unsafe-fault", paramLabel = "FAULT", hidden = true)
  SafetyFault unsafeFault = SafetyFault.NONE;

  Chaos chaos() {
    return new Chaos(
        dropRate, duplicateRate, !noPartitions, !noCrashes, latencyMillis, unsafeFault);
  }
}
