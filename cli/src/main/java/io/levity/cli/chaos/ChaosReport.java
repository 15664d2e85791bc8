package io.levity.cli.chaos;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * What a chaos run found: transactions acknowledged, included (a receipt on the reference node, of
 * which {@code failed} with status 0) and lost (acknowledged, no receipt after the settle timeout);
 * faults repaired; and whether every node holds the same block and state root at a common height.
 *
 * @param seed the schedule's seed
 * @param acknowledged transactions some node returned a hash for
 * @param included acknowledged transactions with a receipt
 * @param failed included transactions whose receipt says status 0
 * @param lost acknowledged transactions with no receipt after the settle timeout
 * @param refusals submissions a node refused with a JSON-RPC error
 * @param kills validators SIGKILLed
 * @param killsSurvived of those, restarted and caught up with the others
 * @param partitions validators cut off
 * @param partitionsHealed of those, healed and caught up with the others
 * @param agreement every node holds the same hash and state root at {@code commonHeight}
 * @param commonHeight the height compared
 * @param heads per node, "hash stateRoot" at {@code commonHeight} (or why it is missing)
 * @param elapsed the whole run
 * @param notes what went wrong on the way (recovery timeouts, first refusals), for the reader
 */
public record ChaosReport(
    long seed,
    long acknowledged,
    long included,
    long failed,
    long lost,
    long refusals,
    long kills,
    long killsSurvived,
    long partitions,
    long partitionsHealed,
    boolean agreement,
    long commonHeight,
    List<String> heads,
    Duration elapsed,
    List<String> notes) {
  public ChaosReport {
    heads = List.copyOf(heads);
    notes = List.copyOf(notes);
  }

  /** Nothing lost and every node agrees: the run passed. */
  public boolean passed() {
    return lost == 0 && agreement;
  }

  /** Prints the figures, one a line. */
  public void print(PrintWriter out) {
    out.printf("chaos report (seed %d, %d s)%n", seed, elapsed.toSeconds());
    out.printf("  transactions acknowledged  %d%n", acknowledged);
    out.printf("  transactions included      %d (status 0: %d)%n", included, failed);
    out.printf("  transactions lost          %d%n", lost);
    out.printf("  submissions refused        %d%n", refusals);
    out.printf("  kills survived             %d of %d%n", killsSurvived, kills);
    out.printf("  partitions healed          %d of %d%n", partitionsHealed, partitions);
    out.printf(
        "  nodes agree                %s at height %d%n", agreement ? "yes" : "NO", commonHeight);
    for (int i = 0; i < heads.size(); i++) out.printf("    node %d  %s%n", i, heads.get(i));
    for (String n : notes) out.println("  note: " + n);
    out.println(passed() ? "PASSED" : "FAILED");
  }
}
