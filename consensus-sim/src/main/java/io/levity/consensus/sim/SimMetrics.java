package io.levity.consensus.sim;

/**
 * What a run measured. Commits count distinct committed heights (the highest honest ledger);
 * messages count every send (a broadcast is n-1), including sync and Byzantine traffic.
 *
 * @param commits highest committed height among honest nodes
 * @param minHonestHeight lowest committed height among honest nodes at the end
 * @param simSeconds simulated time of the run
 * @param maxRound highest round an honest node reached
 * @param messages messages sent
 * @param bytes bytes sent
 * @param dropped messages lost to drops and partitions
 * @param malformed messages that failed to decode (garbage, oversized)
 * @param events scheduled tasks executed
 * @param resumedWithinRounds rounds after GST until every honest node had committed a new block (-1
 *     if never)
 */
public record SimMetrics(
    long commits,
    long minHonestHeight,
    double simSeconds,
    long maxRound,
    long messages,
    long bytes,
    long dropped,
    long malformed,
    long events,
    long resumedWithinRounds) {
  public double commitsPerSecond() {
    return simSeconds == 0 ? 0 : commits / simSeconds;
  }

  public double roundsPerCommit() {
    return commits == 0 ? Double.POSITIVE_INFINITY : (double) maxRound / commits;
  }

  public double messagesPerCommit() {
    return commits == 0 ? Double.POSITIVE_INFINITY : (double) messages / commits;
  }

  public double bytesPerCommit() {
    return commits == 0 ? Double.POSITIVE_INFINITY : (double) bytes / commits;
  }

  public String summary() {
    return String.format(
        java.util.Locale.ROOT,
        "commits=%d (%.2f/sim-s) rounds=%d (%.2f/commit) messages=%d (%.1f/commit, %.0f B/commit) sim=%.1fs"
            + " resumed-after-GST-in=%d rounds",
        commits,
        commitsPerSecond(),
        maxRound,
        roundsPerCommit(),
        messages,
        messagesPerCommit(),
        bytesPerCommit(),
        simSeconds,
        resumedWithinRounds);
  }
}
