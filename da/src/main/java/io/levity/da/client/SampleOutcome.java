package io.levity.da.client;

import java.util.List;
import java.util.Map;

/**
 * The result of sampling a blob.
 *
 * @param pieces the blob's pieces
 * @param firstRound distinct cells drawn per piece in the first round
 * @param mostPerPiece the most cells drawn of one piece after the rounds that fell short
 * @param succeeded samples whose cell came back with a valid proof
 * @param failed samples not served or with a bad proof, as {@code piece:index}
 * @param confidence the probability that the blob is recoverable given what came back: one minus,
 *     over its worst piece, the chance that a piece missing more than half its cells would have
 *     returned as many samples (see {@link Sampling})
 * @param target the confidence at which the blob counts as available
 * @param reported per node registration index, what it did wrong
 */
public record SampleOutcome(
    int pieces,
    int firstRound,
    int mostPerPiece,
    int succeeded,
    List<String> failed,
    double confidence,
    double target,
    Map<Integer, String> reported) {
  /** Whether the confidence reaches the target. */
  public boolean available() {
    return confidence >= target;
  }
}
