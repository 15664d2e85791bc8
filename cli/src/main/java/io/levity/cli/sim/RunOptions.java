package io.levity.cli.sim;

import io.levity.consensus.sim.SimConfig;
import picocli.CommandLine.Option;

/** How long one simulated run is, what it must achieve, and what it carries. */
final class RunOptions {
  /**
   * A run's length and pace.
   *
   * @param livenessRounds every honest node must commit within this many rounds after GST (0:
   *     2n+10)
   */
  record RunShape(long rounds, int livenessRounds, long timeoutMillis, int payloadBytes) {
    void applyTo(SimConfig.Builder b) {
      b.rounds = rounds;
      b.livenessRounds = livenessRounds;
      b.baseTimeoutMillis = timeoutMillis;
      b.payloadBytes = payloadBytes;
    }
  }

  @Option(names = "--rounds", paramLabel = "R")
  long rounds = 120;

  @Option(names = "--liveness-rounds", paramLabel = "L")
  int livenessRounds;

  @Option(names = "--timeout-ms", paramLabel = "MS")
  long timeoutMillis = 1_000;

  @Option(names = "--payload-bytes", paramLabel = "B")
  int payloadBytes = 64;

  RunShape shape() {
    return new RunShape(rounds, livenessRounds, timeoutMillis, payloadBytes);
  }
}
