package io.levity.consensus.safety;

import io.levity.consensus.crypto.Signer;
import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Timeout;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.SigningDomain;
import io.levity.consensus.types.TimeoutCert;
import io.levity.consensus.types.VoteData;
import java.util.Optional;

/**
 * The only holder of the validator's signing key: proposals, votes and timeouts. It applies the
 * voting and timeout rules against the persisted {@link SafetyState} and saves the new state before
 * returning a signature, so whatever leaves the node is already remembered.
 *
 * <p>Voting rule (Jolteon / DiemBFT v4): vote for block B in round r only if r is above every round
 * already voted or timed out in, and either B's parent QC is from round r-1, or B carries a TC for
 * round r-1 and B's parent QC is at least as high as every high-QC round reported in that TC.
 */
public final class SafetyRules {
  /** Outcome of a request to sign: a value, or the rule that refused. */
  public sealed interface Decision<T> {
    record Signed<T>(T value) implements Decision<T> {}

    record Refused<T>(String reason) implements Decision<T> {}
  }

  private final SafetyStore store;
  private final Signer signer;
  private final SigningDomain domain;
  private final int self;
  private final UnsafeFault fault;
  private SafetyState state;

  public SafetyRules(
      SafetyStore store,
      Signer signer,
      SigningDomain domain,
      int self,
      SafetyState initial,
      UnsafeFault fault) {
    this.store = store;
    this.signer = signer;
    this.domain = domain;
    this.self = self;
    this.fault = fault;
    this.state = store.load().filter(s -> s.epoch() == initial.epoch()).orElse(initial);
  }

  public SafetyState state() {
    return state;
  }

  /**
   * Signs a vote for {@code b} if the voting rule allows; {@code observedQc} and {@code observedTc}
   * are the highest certificates the node knows, persisted with the vote.
   */
  public Decision<Vote> vote(
      ConsensusBlock b,
      Optional<TimeoutCert> tc,
      QuorumCert observedQc,
      Optional<TimeoutCert> observedTc) {
    if (b.epoch() != state.epoch())
      return refuse("block epoch " + b.epoch() + " is not " + state.epoch());
    boolean fresh =
        fault == UnsafeFault.VOTE_TWICE
            ? b.round() >= state.lastVotedRound()
            : b.round() > state.lastVotedRound();
    if (!fresh) return refuse("already voted in round " + state.lastVotedRound());
    if (b.round() <= state.highestTimeoutRound())
      return refuse("timed out in round " + state.highestTimeoutRound());
    long qcRound = b.parentQc().round();
    if (qcRound + 1 != b.round()) {
      if (tc.isEmpty() || tc.get().round() + 1 != b.round()) {
        return refuse("parent QC round " + qcRound + " is not round-1 and no TC for round-1");
      }
      if (fault != UnsafeFault.IGNORE_LOCK && qcRound < tc.get().maxHighQcRound()) {
        return refuse(
            "parent QC round "
                + qcRound
                + " is below the TC's highest QC round "
                + tc.get().maxHighQcRound());
      }
    }
    QuorumCert lock = higher(higher(state.highestQc(), b.parentQc()), observedQc);
    Optional<TimeoutCert> highTc = higher(higher(state.highestTc(), tc), observedTc);
    persist(
        new SafetyState(
            state.epoch(),
            Math.max(state.lastVotedRound(), b.round()),
            state.highestTimeoutRound(),
            state.lastProposedRound(),
            lock,
            highTc));
    VoteData d = VoteData.of(b);
    return new Decision.Signed<>(new Vote(d, self, signer.sign(domain.vote(d))));
  }

  /**
   * Signs a timeout for {@code round}, carrying {@code highQc}, which must be at least the lock;
   * {@code highTc} is the highest TC known, which justifies the round when the QC does not.
   */
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
    persist(
        new SafetyState(
            state.epoch(),
            state.lastVotedRound(),
            round,
            state.lastProposedRound(),
            higher(state.highestQc(), highQc),
            higher(state.highestTc(), highTc)));
    Optional<TimeoutCert> tc = viaQc ? Optional.empty() : highTc;
    return new Decision.Signed<>(
        new Timeout(
            state.epoch(),
            round,
            self,
            highQc,
            tc,
            signer.sign(domain.timeout(state.epoch(), round, highQc.round()))));
  }

  /**
   * Signs a proposal for the round this node leads, at most once per round even across restarts (a
   * leader that proposed twice would be an equivocator), and not in a round it already gave up on.
   */
  public Decision<Proposal> propose(ConsensusBlock b, Optional<TimeoutCert> tc) {
    if (b.epoch() != state.epoch())
      return refuse("block epoch " + b.epoch() + " is not " + state.epoch());
    if (b.round() <= state.lastProposedRound())
      return refuse("already proposed in round " + state.lastProposedRound());
    if (b.round() <= state.highestTimeoutRound() || b.round() <= state.lastVotedRound()) {
      return refuse("round " + b.round() + " is behind rounds already signed in");
    }
    persist(
        new SafetyState(
            state.epoch(),
            state.lastVotedRound(),
            state.highestTimeoutRound(),
            b.round(),
            state.highestQc(),
            state.highestTc()));
    return new Decision.Signed<>(
        new Proposal(b, tc, signer.sign(domain.proposal(b.epoch(), b.round(), b.id()))));
  }

  private void persist(SafetyState s) {
    store.save(s);
    state = s;
  }

  private static QuorumCert higher(QuorumCert a, QuorumCert b) {
    return b.round() > a.round() ? b : a;
  }

  private static Optional<TimeoutCert> higher(Optional<TimeoutCert> a, Optional<TimeoutCert> b) {
    if (a.isEmpty()) return b;
    if (b.isEmpty()) return a;
    return b.get().round() > a.get().round() ? b : a;
  }

  private static <T> Decision<T> refuse(String why) {
    return new Decision.Refused<>(why);
  }
}
