package io.levity.consensus.safety;

import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Timeout;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.message.MessageSigner;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.TimeoutCert;
import io.levity.consensus.types.VoteData;
import java.util.Optional;

/**
 * The safety rules every validator runs. It applies the voting and timeout rules against the
 * persisted {@link SafetyState} and saves the new state before returning a signature, so whatever
 * leaves the node is already remembered.
 *
 * <p>Voting rule (Jolteon / DiemBFT v4): vote for block B in round r only if r is above every round
 * already voted or timed out in, and either B's parent QC is from round r-1, or B carries a TC for
 * round r-1 and B's parent QC is at least as high as every high-QC round reported in that TC.
 */
public final class PersistentSafetyRules implements SafetyRules {
  private final SafetyStore store;
  private final MessageSigner signer;
  private SafetyState state;

  /**
   * Rules for the validator {@code signer} signs as, resuming from {@code store} when it holds a
   * state of {@code initial}'s epoch.
   */
  public PersistentSafetyRules(SafetyStore store, MessageSigner signer, SafetyState initial) {
    this.store = store;
    this.signer = signer;
    this.state = store.load().filter(s -> s.epoch() == initial.epoch()).orElse(initial);
  }

  @Override
  public SafetyState state() {
    return state;
  }

  @Override
  public Decision<Vote> vote(Proposal p, QuorumCert observedQc, Optional<TimeoutCert> observedTc) {
    ConsensusBlock b = p.block();
    Optional<TimeoutCert> tc = p.lastRoundTc();
    if (b.epoch() != state.epoch())
      return refuse("block epoch " + b.epoch() + " is not " + state.epoch());
    if (b.round() <= state.lastVotedRound())
      return refuse("already voted in round " + state.lastVotedRound());
    if (b.round() <= state.highestTimeoutRound())
      return refuse("timed out in round " + state.highestTimeoutRound());
    long qcRound = b.parentQc().round();
    if (qcRound + 1 != b.round()) {
      if (tc.isEmpty() || tc.get().round() + 1 != b.round()) {
        return refuse("parent QC round " + qcRound + " is not round-1 and no TC for round-1");
      }
      if (qcRound < tc.get().maxHighQcRound()) {
        return refuse(
            "parent QC round "
                + qcRound
                + " is below the TC's highest QC round "
                + tc.get().maxHighQcRound());
      }
    }
    persist(state.afterVote(p, observedQc, observedTc));
    return new Decision.Signed<>(signer.vote(VoteData.of(b)));
  }

  @Override
  public Decision<Timeout> timeout(long round, QuorumCert highQc, Optional<TimeoutCert> highTc) {
    if (round < state.lastVotedRound() || round < state.highestTimeoutRound()) {
      return refuse("round " + round + " is behind rounds already signed in");
    }
    if (highQc.round() < state.highestQc().round()) {
      return refuse(
          "timeout would carry QC round "
              + highQc.round()
              + " below the lock "
              + state.lockedRound());
    }
    if (highQc.round() >= round)
      return refuse("high QC round " + highQc.round() + " is not below round " + round);
    boolean viaQc = highQc.round() + 1 == round;
    boolean viaTc = highTc.map(t -> t.round() + 1 == round).orElse(false);
    if (!viaQc && !viaTc)
      return refuse("round " + round + " is entered neither by a QC nor a TC for the round before");
    persist(state.afterTimeout(round, highQc, highTc));
    Optional<TimeoutCert> tc = viaQc ? Optional.empty() : highTc;
    return new Decision.Signed<>(signer.timeout(state.epoch(), round, highQc, tc));
  }

  /**
   * {@inheritDoc} Holds across restarts (a leader that proposed twice would be an equivocator), and
   * never in a round it already gave up on.
   */
  @Override
  public Decision<Proposal> propose(ConsensusBlock b, Optional<TimeoutCert> tc) {
    if (b.epoch() != state.epoch())
      return refuse("block epoch " + b.epoch() + " is not " + state.epoch());
    if (b.round() <= state.lastProposedRound())
      return refuse("already proposed in round " + state.lastProposedRound());
    if (b.round() <= state.highestTimeoutRound() || b.round() <= state.lastVotedRound()) {
      return refuse("round " + b.round() + " is behind rounds already signed in");
    }
    persist(state.afterProposal(b.round()));
    return new Decision.Signed<>(signer.proposal(b, tc));
  }

  private void persist(SafetyState s) {
    store.save(s);
    state = s;
  }

  private static <T> Decision<T> refuse(String why) {
    return new Decision.Refused<>(why);
  }
}
