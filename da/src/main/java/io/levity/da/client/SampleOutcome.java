package io.levity.da.client;

import java.util.List;
import java.util.Map;

/**
 * The result of sampling a blob.
 *
 * @param pieces the blob's pieces
 * @param samplesPerPiece distinct cells drawn per piece
 * @param succeeded samples whose cell came back with a valid proof
 * @param failed samples not served or with a bad proof, as {@code piece:index}
 * @param confidence when every sample succeeded, the probability that an unrecoverable blob would
 *     have failed at least one: {@code 1 - C(63, n) / C(128, n)} (an unrecoverable piece is missing
 *     at least 65 of its 128 cells); 0 when any sample failed
 * @param reported per node registration index, what it did wrong
 */
public record SampleOutcome(
    int pieces,
    int samplesPerPiece,
    int succeeded,
    List<String> failed,
    double confidence,
    Map<Integer, String> reported) {
  /** Whether every sample succeeded. */
  public boolean available() {
    return failed.isEmpty();
  }
}
