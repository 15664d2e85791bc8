package io.levity.consensus.safety;

import io.levity.consensus.message.ConsensusMessage.Proposal;
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

  /**
   * After a vote for the block of {@code p}: its round is voted in, and the lock and TC rise to the
   * highest of what is remembered, what {@code p} carries and what the node observed.
   */
  public SafetyState afterVote(
      Proposal p, QuorumCert observedQc, Optional<TimeoutCert> observedTc) {
    return new SafetyState(
        epoch,
        Math.max(lastVotedRound, p.block().round()),
        highestTimeoutRound,
        lastProposedRound,
        higher(higher(highestQc, p.block().parentQc()), observedQc),
        higher(higher(highestTc, p.lastRoundTc()), observedTc));
  }

  /** After a timeout in {@code round} carrying {@code highQc}, with {@code highTc} known. */
  public SafetyState afterTimeout(long round, QuorumCert highQc, Optional<TimeoutCert> highTc) {
    return new SafetyState(
        epoch,
        lastVotedRound,
        round,
        lastProposedRound,
        higher(highestQc, highQc),
        higher(highestTc, highTc));
  }

  /** After a proposal in {@code round}. */
  public SafetyState afterProposal(long round) {
    return new SafetyState(epoch, lastVotedRound, highestTimeoutRound, round, highestQc, highestTc);
  }

  private static QuorumCert higher(QuorumCert a, QuorumCert b) {
    return b.round() > a.round() ? b : a;
  }

  private static Optional<TimeoutCert> higher(Optional<TimeoutCert> a, Optional<TimeoutCert> b) {
    if (a.isEmpty()) return b;
    if (b.isEmpty()) return a;
    return b.get().round() > a.get().round() ? b : a;
  }
}
