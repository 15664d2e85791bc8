package io.levity.consensus.safety;

import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.TimeoutCert;
import java.util.Optional;

/**
 * What a validator must remember across a crash to never contradict itself: the highest round it
 * voted in, the highest round it timed out in, the highest round it proposed in, its lock (the
 * highest QC it knew when it last signed; timeouts always carry a QC at least this high, so a TC
 * can never hide a block this validator helped towards commit) and the highest TC it knew (so that
 * after a restart it can re-enter, and time out in, the round it last signed in instead of waiting
 * forever).
 */
public record SafetyState(
    long epoch,
    long lastVotedRound,
    long highestTimeoutRound,
    long lastProposedRound,
    QuorumCert highestQc,
    Optional<TimeoutCert> highestTc) {
  public static SafetyState initial(long epoch, QuorumCert genesisQc) {
    return new SafetyState(epoch, 0, 0, 0, genesisQc, Optional.empty());
  }

  /** The round of the lock. */
  public long lockedRound() {
    return highestQc.round();
  }
}
