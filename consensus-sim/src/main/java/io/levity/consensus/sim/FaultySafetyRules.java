package io.levity.consensus.sim;

import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Timeout;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.message.MessageSigner;
import io.levity.consensus.safety.PersistentSafetyRules;
import io.levity.consensus.safety.SafetyRules;
import io.levity.consensus.safety.SafetyState;
import io.levity.consensus.safety.SafetyStore;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.TimeoutCert;
import io.levity.consensus.types.VoteData;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The real safety rules with a {@link SafetyFault}: where they refuse a vote that the broken rule
 * allows, this signs it anyway, after saving the state a real vote would leave, and the real rules
 * carry on from that state. Timeouts and proposals are left to the real rules.
 */
final class FaultySafetyRules implements SafetyRules {
  private final SafetyFault fault;
  private final SafetyStore store;
  private final MessageSigner signer;
  private final Supplier<SafetyRules> reload;
  private SafetyRules rules;

  FaultySafetyRules(
      SafetyFault fault, SafetyStore store, MessageSigner signer, SafetyState initial) {
    this.fault = fault;
    this.store = store;
    this.signer = signer;
    this.reload = () -> new PersistentSafetyRules(store, signer, initial);
    this.rules = reload.get();
  }

  @Override
  public SafetyState state() {
    return rules.state();
  }

  @Override
  public Decision<Vote> vote(Proposal p, QuorumCert observedQc, Optional<TimeoutCert> observedTc) {
    Decision<Vote> real = rules.vote(p, observedQc, observedTc);
    if (real instanceof Decision.Signed<Vote> || !brokenRuleAllows(rules.state(), p)) return real;
    store.save(rules.state().afterVote(p, observedQc, observedTc));
    rules = reload.get();
    return new Decision.Signed<>(signer.vote(VoteData.of(p.block())));
  }

  /** The voting rule of {@link PersistentSafetyRules} as the fault breaks it. */
  private boolean brokenRuleAllows(SafetyState s, Proposal p) {
    ConsensusBlock b = p.block();
    boolean fresh =
        fault == SafetyFault.VOTE_TWICE
            ? b.round() >= s.lastVotedRound()
            : b.round() > s.lastVotedRound();
    if (b.epoch() != s.epoch() || !fresh || b.round() <= s.highestTimeoutRound()) return false;
    long qcRound = b.parentQc().round();
    if (qcRound + 1 == b.round()) return true;
    Optional<TimeoutCert> tc = p.lastRoundTc();
    if (tc.isEmpty() || tc.get().round() + 1 != b.round()) return false;
    return fault == SafetyFault.IGNORE_LOCK || qcRound >= tc.get().maxHighQcRound();
  }

  @Override
  public Decision<Timeout> timeout(long round, QuorumCert highQc, Optional<TimeoutCert> highTc) {
    return rules.timeout(round, highQc, highTc);
  }

  @Override
  public Decision<Proposal> propose(ConsensusBlock b, Optional<TimeoutCert> tc) {
    return rules.propose(b, tc);
  }
}
