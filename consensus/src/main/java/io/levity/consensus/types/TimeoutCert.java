package io.levity.consensus.types;

import io.levity.core.bytes.Bytes;
import java.util.List;

/**
 * A timeout certificate: validators with more than two thirds of the power gave up on a round. Each
 * signed (epoch, round, the round of its highest QC); a block justified by this certificate must
 * extend a QC at least as high as the highest of those rounds, which is how a lock survives a view
 * change. The certificate carries that highest QC itself, so whoever enters a round by this TC can
 * also propose a block that satisfies it.
 */
public record TimeoutCert(
    long epoch,
    long round,
    QuorumCert highQc,
    SignerBitmap signers,
    List<Long> highQcRounds,
    Bytes aggregateSignature) {
  public TimeoutCert {
    highQcRounds = List.copyOf(highQcRounds);
  }

  public long maxHighQcRound() {
    long m = 0;
    for (long r : highQcRounds) m = Math.max(m, r);
    return m;
  }
}
