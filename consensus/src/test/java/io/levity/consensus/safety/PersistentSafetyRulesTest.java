package io.levity.consensus.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.consensus.TestNet;
import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Timeout;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.safety.SafetyRules.Decision;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.TimeoutCert;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The real safety rules: what they sign, what they refuse, and what they remember. */
class PersistentSafetyRulesTest {
  private final TestNet net = new TestNet(4);
  private final InMemorySafetyStore store = new InMemorySafetyStore();

  private SafetyRules rules() {
    return rules(3, TestNet.EPOCH);
  }

  private SafetyRules rules(int self, long epoch) {
    return new PersistentSafetyRules(
        store, net.keys(self), SafetyState.initial(epoch, net.genesisQc));
  }

  /** A vote for a block of round 1 with payload {@code payload}, on the genesis QC. */
  private Decision<Vote> roundOneVote(SafetyRules r, String payload) {
    return r.vote(
        net.proposal(net.block(1, net.genesisQc, payload)), net.genesisQc, Optional.empty());
  }

  private static boolean signed(Decision<?> d) {
    return d instanceof Decision.Signed<?>;
  }

  @Test
  void votesOnceForABlockExtendingTheQcOfThePreviousRound() {
    SafetyRules r = rules();
    ConsensusBlock b1 = net.block(1, net.genesisQc, "a");
    Decision<Vote> d = r.vote(net.proposal(b1), net.genesisQc, Optional.empty());
    assertThat(d).isInstanceOf(Decision.Signed.class);
    Vote v = ((Decision.Signed<Vote>) d).value();
    assertThat(
            net.scheme.verify(
                net.validators.get(3).publicKey(), net.domain.vote(v.data()), v.signature()))
        .isTrue();
    assertThat(r.state().lastVotedRound()).isEqualTo(1);

    ConsensusBlock other = net.block(1, net.genesisQc, "b");
    assertThat(r.vote(net.proposal(other), net.genesisQc, Optional.empty()))
        .isInstanceOf(Decision.Refused.class);
    assertThat(r.vote(net.proposal(b1), net.genesisQc, Optional.empty()))
        .isInstanceOf(Decision.Refused.class);
  }

  @Test
  void refusesABlockWhoseParentQcIsNotFromThePreviousRoundWithoutATc() {
    ConsensusBlock b3 = net.block(3, net.genesisQc, "skip");
    assertThat(rules().vote(net.proposal(b3), net.genesisQc, Optional.empty()))
        .isInstanceOf(Decision.Refused.class);
  }

  @Test
  void tcPathRequiresExtendingTheHighestQcReportedInTheTc() {
    ConsensusBlock b1 = net.block(1, net.genesisQc, "1");
    QuorumCert qc1 = net.qc(b1);
    ConsensusBlock b2 = net.block(2, qc1, "2");
    QuorumCert qc2 = net.qc(b2);
    // Round 3 timed out; one signer reports QC round 2, so round 4 must extend a QC of round >= 2.
    TimeoutCert tc3 = net.tc(3, new int[] {0, 1, 2}, new long[] {2, 1, 1}, qc2);
    ConsensusBlock forkOnQc1 = net.block(4, qc1, "fork");
    ConsensusBlock onQc2 = net.block(4, qc2, "good");

    assertThat(rules().vote(net.proposal(forkOnQc1, Optional.of(tc3)), qc1, Optional.empty()))
        .isInstanceOf(Decision.Refused.class);
    assertThat(signed(rules().vote(net.proposal(onQc2, Optional.of(tc3)), qc2, Optional.empty())))
        .isTrue();
  }

  @Test
  void noVoteInARoundAlreadyTimedOut() {
    SafetyRules r = rules();
    assertThat(signed(r.timeout(1, net.genesisQc, Optional.empty()))).isTrue();
    assertThat(roundOneVote(r, "late")).isInstanceOf(Decision.Refused.class);
  }

  @Test
  void timeoutsCarryAtLeastTheLock() {
    SafetyRules r = rules();
    ConsensusBlock b1 = net.block(1, net.genesisQc, "1");
    QuorumCert qc1 = net.qc(b1);
    ConsensusBlock b2 = net.block(2, qc1, "2");
    assertThat(signed(r.vote(net.proposal(b2), qc1, Optional.empty()))).isTrue();
    assertThat(r.state().lockedRound()).isEqualTo(1);
    TimeoutCert tc2 = net.tc(2, new int[] {0, 1, 2}, new long[] {0, 0, 0}, net.genesisQc);
    // Carrying the genesis QC would hide the lock on round 1: refused.
    assertThat(r.timeout(3, net.genesisQc, Optional.of(tc2))).isInstanceOf(Decision.Refused.class);
    Decision<Timeout> ok = r.timeout(3, qc1, Optional.of(tc2));
    assertThat(ok).isInstanceOf(Decision.Signed.class);
    Timeout t = ((Decision.Signed<Timeout>) ok).value();
    assertThat(t.highQc()).isEqualTo(qc1);
    assertThat(t.lastRoundTc()).contains(tc2);
  }

  @Test
  void unjustifiedTimeoutRoundsAreRefused() {
    assertThat(rules().timeout(5, net.genesisQc, Optional.empty()))
        .isInstanceOf(Decision.Refused.class);
  }

  @Test
  void stateIsSavedBeforeTheSignatureIsReturnedAndSurvivesARestart() {
    SafetyRules r = rules();
    long before = store.saves();
    ConsensusBlock b1 = net.block(1, net.genesisQc, "a");
    assertThat(signed(r.vote(net.proposal(b1), net.genesisQc, Optional.empty()))).isTrue();
    assertThat(store.saves()).isEqualTo(before + 1);
    assertThat(store.load()).hasValueSatisfying(s -> assertThat(s.lastVotedRound()).isEqualTo(1));

    SafetyRules afterRestart = rules();
    assertThat(roundOneVote(afterRestart, "b")).isInstanceOf(Decision.Refused.class);
  }

  @Test
  void proposesAtMostOncePerRoundEvenAcrossRestarts() {
    SafetyRules leader = rules(1, TestNet.EPOCH);
    assertThat(signed(leader.propose(net.block(1, net.genesisQc, "a"), Optional.empty()))).isTrue();
    SafetyRules restarted = rules(1, TestNet.EPOCH);
    Decision<Proposal> again =
        restarted.propose(net.block(1, net.genesisQc, "b"), Optional.empty());
    assertThat(again).isInstanceOf(Decision.Refused.class);
  }

  @Test
  void wrongEpochBlocksAreRefused() {
    SafetyRules other = rules(3, 2);
    assertThat(roundOneVote(other, "a")).isInstanceOf(Decision.Refused.class);
  }
}
