package io.levity.cli.sim;

import io.levity.consensus.sim.SimMetrics;
import io.levity.consensus.sim.SimResult;
import java.util.Locale;

/** Aggregates of a simulation's results over all seeds. */
final class SeedTotals {
  int passed;
  int failed;
  private long commits;
  private long rounds;
  private long messages;
  private long bytes;
  private double simSeconds;
  private long worstResume = -1;

  void add(SimResult r) {
    if (r.passed()) passed++;
    else failed++;
    SimMetrics m = r.metrics();
    commits += m.commits();
    rounds += m.maxRound();
    messages += m.messages();
    bytes += m.bytes();
    simSeconds += m.simSeconds();
    worstResume = Math.max(worstResume, m.resumedWithinRounds());
  }

  String summary(double wallSeconds) {
    return String.format(
        Locale.ROOT,
        "metrics over all seeds: %.2f commits/sim-s, %.2f rounds/commit,"
            + " %.1f messages/commit, %.0f bytes/commit; worst rounds after GST until all honest nodes committed: %d;"
            + " wall %.1fs%n",
        simSeconds == 0 ? 0 : commits / simSeconds,
        commits == 0 ? 0 : (double) rounds / commits,
        commits == 0 ? 0 : (double) messages / commits,
        commits == 0 ? 0 : (double) bytes / commits,
        worstResume,
        wallSeconds);
  }
}
