package io.levity.consensus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.consensus.TestNet;
import io.levity.consensus.engine.Action;
import io.levity.consensus.engine.Engine;
import io.levity.consensus.engine.EngineConfig;
import io.levity.consensus.engine.Event;
import io.levity.consensus.engine.InMemoryPendingBlockStore;
import io.levity.consensus.engine.LedgerView;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.safety.InMemorySafetyStore;
import io.levity.consensus.safety.SafetyRules;
import io.levity.consensus.safety.SafetyRules.Decision;
import io.levity.consensus.safety.SafetyState;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.TimeoutCert;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The deliberate bugs do what they say, and only that; without a fault the rules are the real ones.
 */
class FaultySafetyRulesTest {
  private final TestNet net = new TestNet(4);
  private final InMemorySafetyStore store = new InMemorySafetyStore();
  private final ConsensusBlock b1 = net.block(1, net.genesisQc, "1");
  private final QuorumCert qc1 = net.qc(b1);
  private final ConsensusBlock b2 = net.block(2, qc1, "2");
  private final QuorumCert qc2 = net.qc(b2);
  // Round 3 timed out; one signer reports QC round 2, so round 4 must extend a QC of round >= 2.
  private final TimeoutCert tc3 = net.tc(3, new int[] {0, 1, 2}, new long[] {2, 1, 1}, qc2);
  private final ConsensusBlock fork = net.block(4, qc1, "fork");

  private SafetyRules rules(SafetyFault fault) {
    return fault
        .rules()
        .create(store, net.keys(3), SafetyState.initial(TestNet.EPOCH, net.genesisQc));
  }

  private static boolean signed(Decision<?> d) {
    return d instanceof Decision.Signed<?>;
  }

  @Test
  void theIgnoreLockFaultVotesForTheForkAndRemembersTheVote() {
    assertThat(
            signed(
                rules(SafetyFault.NONE)
                    .vote(net.proposal(fork, Optional.of(tc3)), qc1, Optional.empty())))
        .isFalse();
    SafetyRules broken = rules(SafetyFault.IGNORE_LOCK);
    assertThat(signed(broken.vote(net.proposal(fork, Optional.of(tc3)), qc1, Optional.empty())))
        .isTrue();
    assertThat(broken.state().lastVotedRound()).isEqualTo(4);
    assertThat(store.load()).hasValueSatisfying(s -> assertThat(s.lastVotedRound()).isEqualTo(4));
    assertThat(broken.state().highestTc()).contains(tc3);
    // Only the lock is ignored: a second vote in the round is still refused.
    assertThat(
            signed(
                broken.vote(
                    net.proposal(net.block(4, qc1, "again"), Optional.of(tc3)),
                    qc1,
                    Optional.empty())))
        .isFalse();
  }

  @Test
  void theVoteTwiceFaultSignsASecondBlockInARound() {
    SafetyRules r = rules(SafetyFault.VOTE_TWICE);
    ConsensusBlock a = net.block(1, net.genesisQc, "a");
    ConsensusBlock b = net.block(1, net.genesisQc, "b");
    assertThat(signed(r.vote(net.proposal(a), net.genesisQc, Optional.empty()))).isTrue();
    assertThat(signed(r.vote(net.proposal(b), net.genesisQc, Optional.empty()))).isTrue();
    assertThat(store.saves()).isEqualTo(2);
    // Only the round rule is broken: the lock still holds.
    assertThat(signed(r.vote(net.proposal(fork, Optional.of(tc3)), qc1, Optional.empty())))
        .isFalse();
    assertThat(
            signed(rules(SafetyFault.NONE).vote(net.proposal(b), net.genesisQc, Optional.empty())))
        .isFalse();
  }

  @Test
  void anEngineWithTheIgnoreLockFaultVotesForTheForkTheRealEngineRefuses() {
    assertThat(votesAfterFork(SafetyFault.NONE)).isEmpty();
    assertThat(votesAfterFork(SafetyFault.IGNORE_LOCK))
        .singleElement()
        .satisfies(v -> assertThat(v.data().blockId()).isEqualTo(fork.id()));
  }

  private List<Vote> votesAfterFork(SafetyFault fault) {
    Engine e =
        new Engine(
                EngineConfig.defaults(TestNet.CHAIN_ID),
                net.validators,
                3,
                net.signers.get(3),
                net.scheme,
                new InMemorySafetyStore(),
                LedgerView.empty(),
                new InMemoryPendingBlockStore())
            .signingWith(fault.rules());
    e.handle(new Event.Start());
    e.handle(new Event.MessageReceived(1, net.proposal(b1)));
    e.handle(new Event.MessageReceived(2, net.proposal(b2)));
    List<Action> a = e.handle(new Event.MessageReceived(0, net.proposal(fork, Optional.of(tc3))));
    assertThat(e.currentRound()).isEqualTo(4);
    List<Vote> votes = new ArrayList<>();
    for (Action x : a) if (x instanceof Action.Send(int to, Vote v)) votes.add(v);
    return votes;
  }
}
