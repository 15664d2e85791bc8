package io.levity.storage.proof;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one {@link EpochChallenger} run did.
 *
 * @param epoch the epoch challenged
 * @param challenged shards challenged and recorded in this run ({@code passed + failed})
 * @param passed answers that verified
 * @param failed shards recorded as failed (no answer included)
 * @param unassigned shards no node is assigned to (not challenged, nothing recorded)
 * @param alreadyRecorded shards skipped because the chain already holds their result for this epoch
 * @param sealing shards of files recorded within the seal grace whose holder has not committed a
 *     replica yet (sealed rounds only; not challenged, nothing recorded)
 * @param failures failed shards by reason (only reasons that occurred)
 */
public record EpochReport(
    long epoch,
    int challenged,
    int passed,
    int failed,
    int unassigned,
    int alreadyRecorded,
    int sealing,
    Map<FailureReason, Integer> failures) {
  public EpochReport {
    EnumMap<FailureReason, Integer> copy = new EnumMap<>(FailureReason.class);
    copy.putAll(failures);
    failures = Collections.unmodifiableMap(copy);
  }

  @Override
  public String toString() {
    return "epoch "
        + epoch
        + ": "
        + challenged
        + " challenged, "
        + passed
        + " passed, "
        + failed
        + " failed "
        + failures
        + ", "
        + unassigned
        + " unassigned, "
        + alreadyRecorded
        + " already recorded"
        + (sealing > 0 ? ", " + sealing + " still sealing" : "");
  }
}
