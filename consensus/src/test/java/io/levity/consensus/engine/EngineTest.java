package io.levity.consensus.engine;

import static io.levity.consensus.engine.Harness.only;
import static io.levity.consensus.engine.Harness.recipients;
import static io.levity.consensus.engine.Harness.sent;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.consensus.TestNet;
import io.levity.consensus.message.ConsensusMessage.BlockRequest;
import io.levity.consensus.message.ConsensusMessage.BlockResponse;
import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Timeout;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.TimeoutCert;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The engine driven message by message; with n = 4 and equal power, round r is led by validator r
 * mod 4.
 */
class EngineTest {
  private final TestNet net = new TestNet(4);
  private final ConsensusBlock b1 = net.block(1, net.genesisQc, "b1");
  private final QuorumCert qc1 = net.qc(b1);
  private final ConsensusBlock b2 = net.block(2, qc1, "b2");
  private final QuorumCert qc2 = net.qc(b2);
  private final ConsensusBlock b3 = net.block(3, qc2, "b3");

  private Harness started(int self) {
    Harness h = new Harness(net, self);
    h.start();
    return h;
  }

  @Test
  void startSetsATimerAndOnlyTheLeaderAsksForAPayload() {
    Harness leader = new Harness(net, 1);
    List<Action> a = leader.start();
    assertThat(only(a, Action.SetTimer.class))
        .singleElement()
        .satisfies(t -> assertThat(t.round()).isEqualTo(1));
    assertThat(only(a, Action.RequestPayload.class))
        .singleElement()
        .satisfies(p -> assertThat(p.round()).isEqualTo(1));
    assertThat(only(started(3).all, Action.RequestPayload.class)).isEmpty();
  }

  @Test
  void votesForAValidProposalAndSendsTheVoteToTheNextLeaderOnly() {
    Harness h = started(3);
    List<Action> a = h.receive(1, net.proposal(b1));
    assertThat(sent(a, Vote.class))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.data().blockId()).isEqualTo(b1.id());
              assertThat(v.voter()).isEqualTo(3);
            });
    assertThat(recipients(a, Vote.class)).containsExactly(2);
    assertThat(only(a, Action.Broadcast.class)).isEmpty();
  }

  @Test
  void rejectsAProposalWithABadSignature() {
    Harness h = started(3);
    Proposal p = net.proposal(b1);
    byte[] sig = p.signature().toArray();
    sig[5] ^= 1;
    List<Action> a = h.receive(1, new Proposal(b1, Optional.empty(), Bytes.wrap(sig)));
    assertThat(sent(a, Vote.class)).isEmpty();
    assertThat(h.engine.stats().rejected(Reject.BAD_SIGNATURE)).isEqualTo(1);
  }

  @Test
  void rejectsAProposalFromSomeoneOtherThanTheLeader() {
    Harness h = started(3);
    ConsensusBlock byZero =
        ConsensusBlock.create(
            TestNet.EPOCH, 1, 0, net.genesisQc, 0, Bytes32.ZERO, Bytes.of((byte) 1));
    assertThat(sent(h.receive(0, net.proposal(byZero)), Vote.class)).isEmpty();
    assertThat(h.engine.stats().rejected(Reject.NOT_THE_LEADER)).isEqualTo(1);
  }

  @Test
  void rejectsAProposalFromAnotherEpoch() {
    Harness h = started(3);
    ConsensusBlock other =
        ConsensusBlock.create(2, 1, 1, net.genesisQc, 0, Bytes32.ZERO, Bytes.of((byte) 1));
    assertThat(sent(h.receive(1, net.proposal(other)), Vote.class)).isEmpty();
    assertThat(h.engine.stats().rejected(Reject.WRONG_EPOCH)).isEqualTo(1);
  }

  @Test
  void rejectsAProposalWhoseQcLacksAQuorum() {
    Harness h = started(0);
    h.receive(1, net.proposal(b1));
    ConsensusBlock onWeakQc = net.block(2, net.qc(b1, 0, 1), "weak");
    assertThat(sent(h.receive(2, net.proposal(onWeakQc)), Vote.class)).isEmpty();
    assertThat(h.engine.stats().rejected(Reject.BAD_CERTIFICATE)).isEqualTo(1);
    assertThat(h.engine.currentRound()).isEqualTo(1);
  }

  @Test
  void theNextLeaderFormsTheQcFromVotesAndProposesOnIt() {
    Harness h = started(2);
    h.receive(1, net.proposal(b1)); // its own vote goes to itself
    assertThat(only(h.receive(0, net.vote(0, b1)), Action.RequestPayload.class)).isEmpty();
    List<Action> a = h.receive(1, net.vote(1, b1));
    assertThat(only(a, Action.RequestPayload.class))
        .singleElement()
        .satisfies(p -> assertThat(p.round()).isEqualTo(2));
    assertThat(h.engine.currentRound()).isEqualTo(2);

    List<Action> p = h.payload(2, "txs");
    Proposal prop = sent(p, Proposal.class).get(0);
    assertThat(prop.block().round()).isEqualTo(2);
    assertThat(prop.block().parentId()).isEqualTo(b1.id());
    assertThat(prop.block().parentQc().signers().count()).isEqualTo(3);
    assertThat(prop.lastRoundTc()).isEmpty();
    assertThat(only(p, Action.Broadcast.class)).hasSize(1);
    assertThat(recipients(p, Vote.class)).containsExactly(3); // it votes for its own block too
  }

  @Test
  void aTimedOutRoundEndsWithATcAndALongerTimeout() {
    Harness h = started(3);
    List<Action> t = h.fireTimer();
    assertThat(sent(t, Timeout.class))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.round()).isEqualTo(1);
              assertThat(x.highQc()).isEqualTo(net.genesisQc);
            });
    h.receive(0, net.timeout(0, 1, net.genesisQc, Optional.empty()));
    List<Action> a = h.receive(1, net.timeout(1, 1, net.genesisQc, Optional.empty()));
    assertThat(h.engine.currentRound()).isEqualTo(2);
    assertThat(only(a, Action.SetTimer.class))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.round()).isEqualTo(2);
              assertThat(s.delayMillis()).isEqualTo(1_500);
            });
  }

  @Test
  void moreThanAThirdOfTimeoutsMakeANodeTimeOutWithoutItsTimer() {
    Harness h = started(3);
    assertThat(
            sent(h.receive(0, net.timeout(0, 1, net.genesisQc, Optional.empty())), Timeout.class))
        .isEmpty();
    List<Action> a = h.receive(1, net.timeout(1, 1, net.genesisQc, Optional.empty()));
    assertThat(sent(a, Timeout.class))
        .singleElement()
        .satisfies(x -> assertThat(x.sender()).isEqualTo(3));
    assertThat(h.engine.currentRound()).isEqualTo(2); // its own timeout completed the TC
  }

  @Test
  void aLeaderEnteringByTcCarriesTheTcInItsProposal() {
    Harness h = started(2);
    h.fireTimer();
    h.receive(0, net.timeout(0, 1, net.genesisQc, Optional.empty()));
    List<Action> a = h.receive(1, net.timeout(1, 1, net.genesisQc, Optional.empty()));
    assertThat(only(a, Action.RequestPayload.class))
        .singleElement()
        .satisfies(p -> assertThat(p.round()).isEqualTo(2));
    Proposal p = sent(h.payload(2, "after-tc"), Proposal.class).get(0);
    assertThat(p.lastRoundTc()).hasValueSatisfying(tc -> assertThat(tc.round()).isEqualTo(1));
    assertThat(p.block().parentQc()).isEqualTo(net.genesisQc);
  }

  @Test
  void twoChainWithConsecutiveRoundsCommitsTheFirstBlock() {
    Harness h = started(0);
    assertThat(only(h.receive(1, net.proposal(b1)), Action.Commit.class)).isEmpty();
    assertThat(only(h.receive(2, net.proposal(b2)), Action.Commit.class)).isEmpty();
    List<Action> a =
        h.receive(3, net.proposal(b3)); // carries QC(b2), whose parent b1 is from round 1
    assertThat(only(a, Action.Commit.class))
        .extracting(c -> c.block().id())
        .containsExactly(b1.id());
    assertThat(h.engine.committed().id()).isEqualTo(b1.id());
  }

  @Test
  void noCommitAcrossATcGapUntilAConsecutivePairIsCertified() {
    Harness h = started(2);
    h.receive(1, net.proposal(b1));
    TimeoutCert tc2 = net.tc(2, new int[] {1, 2, 3}, new long[] {1, 1, 1}, qc1);
    ConsensusBlock r3 = net.block(3, qc1, "r3");
    ConsensusBlock r4 = net.block(4, net.qc(r3), "r4");
    ConsensusBlock r5 = net.block(5, net.qc(r4), "r5");
    h.receive(3, net.proposal(r3, Optional.of(tc2)));
    assertThat(only(h.receive(0, net.proposal(r4)), Action.Commit.class))
        .isEmpty(); // QC(r3) skips round 2
    List<Action> a = h.receive(1, net.proposal(r5));
    assertThat(only(a, Action.Commit.class))
        .extracting(c -> c.block().id())
        .containsExactly(b1.id(), r3.id());
  }

  /** The simulator's IGNORE_LOCK fault votes in the same spot (FaultySafetyRulesTest there). */
  @Test
  void theLockRefusesAForkBelowTheTcsHighestQc() {
    TimeoutCert tc3 = net.tc(3, new int[] {0, 1, 2}, new long[] {2, 1, 1}, qc2);
    ConsensusBlock fork = net.block(4, qc1, "fork");
    Harness h = started(3);
    h.receive(1, net.proposal(b1));
    h.receive(2, net.proposal(b2));
    List<Action> a = h.receive(0, net.proposal(fork, Optional.of(tc3)));
    assertThat(h.engine.currentRound()).isEqualTo(4);
    assertThat(sent(a, Vote.class)).isEmpty();
    assertThat(h.engine.stats().rejected(Reject.REFUSED_BY_SAFETY_RULES)).isEqualTo(1);
  }

  @Test
  void enteringByATcTeachesTheHighestQcSoTheNextLeaderCanSatisfyIt() {
    Harness h = started(0); // never saw b2 or its QC
    h.receive(1, net.proposal(b1));
    TimeoutCert tc3 = net.tc(3, new int[] {1, 2, 3}, new long[] {2, 1, 1}, qc2);
    h.receive(1, net.timeout(1, 4, qc1, Optional.of(tc3)));
    assertThat(h.engine.currentRound()).isEqualTo(4);
    assertThat(h.engine.highQc()).isEqualTo(qc2);
    Proposal p = sent(h.payload(4, "leader-of-4"), Proposal.class).get(0);
    assertThat(p.block().parentQc()).isEqualTo(qc2);
    assertThat(p.lastRoundTc()).contains(tc3);
  }

  @Test
  void aTcWhoseCarriedQcIsNotItsHighestIsRejected() {
    Harness h = started(0);
    TimeoutCert lying = net.tc(3, new int[] {1, 2, 3}, new long[] {2, 1, 1}, qc1);
    h.receive(1, net.timeout(1, 4, qc1, Optional.of(lying)));
    assertThat(h.engine.stats().rejected(Reject.BAD_CERTIFICATE)).isEqualTo(1);
    assertThat(h.engine.currentRound()).isEqualTo(1);
  }

  @Test
  void aRestartedNodeNeverVotesTwiceInARound() {
    Harness h = started(3);
    assertThat(sent(h.receive(1, net.proposal(b1)), Vote.class)).hasSize(1);
    h.restart();
    ConsensusBlock conflicting = net.block(1, net.genesisQc, "b1-prime");
    assertThat(sent(h.receive(1, net.proposal(conflicting)), Vote.class)).isEmpty();
    assertThat(h.engine.stats().rejected(Reject.REFUSED_BY_SAFETY_RULES)).isEqualTo(1);
    // Without the persisted state the same node would have signed the conflicting vote.
    Harness amnesiac = started(3);
    assertThat(sent(amnesiac.receive(1, net.proposal(conflicting)), Vote.class)).hasSize(1);
  }

  @Test
  void aDoubleVoteRaisesAnAlarmAndCountsOnce() {
    Harness h = started(2); // leader of round 2 collects round-1 votes
    ConsensusBlock b1prime = net.block(1, net.genesisQc, "other");
    Vote first = net.vote(0, b1);
    Vote second = net.vote(0, b1prime);
    h.receive(0, first);
    List<Action> a = h.receive(0, second);
    assertThat(only(a, Action.Alarm.class))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.kind()).isEqualTo(Action.Alarm.Kind.DOUBLE_VOTE);
              assertThat(x.evidence()).contains(new Equivocation(first, second));
            });
    assertThat(only(h.receive(1, net.vote(1, b1)), Action.RequestPayload.class)).isEmpty();
    assertThat(only(h.receive(3, net.vote(3, b1)), Action.RequestPayload.class)).hasSize(1);
  }

  @Test
  void anEquivocatingLeaderRaisesAnAlarmAndGetsOneVote() {
    Harness h = started(3);
    Proposal first = net.proposal(b1);
    Proposal second = net.proposal(net.block(1, net.genesisQc, "second"));
    h.receive(1, first);
    List<Action> a = h.receive(1, second);
    assertThat(only(a, Action.Alarm.class))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.kind()).isEqualTo(Action.Alarm.Kind.EQUIVOCATING_PROPOSER);
              Equivocation e = x.evidence().orElseThrow();
              assertThat(e).isEqualTo(new Equivocation(first, second));
              assertThat(e.kind()).isEqualTo(Equivocation.Kind.PROPOSAL);
              assertThat(e.validator()).isEqualTo(1);
              assertThat(e.round()).isEqualTo(1);
            });
    assertThat(sent(h.all, Vote.class)).hasSize(1);
    h.receive(1, net.proposal(net.block(1, net.genesisQc, "third")));
    assertThat(h.engine.stats().rejected(Reject.DUPLICATE))
        .isEqualTo(1); // two prove it; more only cost memory
  }

  @Test
  void anOversizePayloadIsRefusedLoudlyNotSilently() {
    Harness h = started(1); // leads round 1
    byte[] big = new byte[EngineConfig.defaults(TestNet.CHAIN_ID).maxPayloadBytes() + 1];
    List<Action> a = h.handle(new Event.PayloadReady(1, Bytes.wrap(big)));
    assertThat(only(a, Action.Broadcast.class)).as("nothing proposed").isEmpty();
    assertThat(only(a, Action.Alarm.class))
        .as("the host hears why")
        .singleElement()
        .satisfies(x -> assertThat(x.kind()).isEqualTo(Action.Alarm.Kind.OVERSIZE_PAYLOAD));
    assertThat(h.engine.stats().count(EngineStats.Counter.OVERSIZE_PAYLOADS)).isEqualTo(1);
    // The engine stays able to propose this round once it gets a payload that fits.
    assertThat(sent(h.payload(1, "txs"), Proposal.class)).hasSize(1);
  }

  @Test
  void farFutureVotesAndUnjustifiedTimeoutsAreDroppedUnverified() {
    Harness h = started(2);
    ConsensusBlock far = net.block(1001, qc1, "far");
    h.receive(0, net.vote(0, far));
    assertThat(h.engine.stats().rejected(Reject.TOO_FAR_AHEAD)).isEqualTo(1);
    h.receive(0, net.timeout(0, 50, net.genesisQc, Optional.empty()));
    assertThat(h.engine.stats().rejected(Reject.UNJUSTIFIED_ROUND)).isEqualTo(1);
    assertThat(h.engine.currentRound()).isEqualTo(1);
  }

  @Test
  void duplicatesAreDroppedBeforeVerification() {
    Harness h = started(3);
    h.receive(1, net.proposal(b1));
    h.receive(1, net.proposal(b1));
    assertThat(h.engine.stats().rejected(Reject.DUPLICATE)).isEqualTo(1);
    assertThat(sent(h.all, Vote.class)).hasSize(1);
  }

  @Test
  void aMissingParentIsFetchedByHashAndTheWaitingProposalVotedOn() {
    Harness h = started(0);
    List<Action> a = h.receive(2, net.proposal(b2));
    assertThat(sent(a, Vote.class)).isEmpty();
    assertThat(sent(a, BlockRequest.class))
        .singleElement()
        .satisfies(r -> assertThat(r.blockId()).isEqualTo(b1.id()));
    assertThat(recipients(a, BlockRequest.class)).containsExactly(2);

    // A response that is not the requested chain is ignored.
    h.receive(2, new BlockResponse(b1.id(), List.of(net.block(1, net.genesisQc, "lie"))));
    assertThat(h.engine.stats().rejected(Reject.UNSOLICITED)).isEqualTo(1);

    List<Action> ok = h.receive(2, new BlockResponse(b1.id(), List.of(b1)));
    assertThat(sent(ok, Vote.class))
        .singleElement()
        .satisfies(v -> assertThat(v.data().blockId()).isEqualTo(b2.id()));
    assertThat(recipients(ok, Vote.class)).containsExactly(3);
  }

  @Test
  void servesBlockRequestsNewestFirstAndSaysWhenItLacksABlock() {
    Harness h = started(0);
    h.receive(1, net.proposal(b1));
    h.receive(2, net.proposal(b2));
    List<Action> a = h.receive(3, new BlockRequest(b2.id(), 10));
    assertThat(sent(a, BlockResponse.class))
        .singleElement()
        .satisfies(r -> assertThat(r.blocks()).containsExactly(b2, b1));
    List<Action> none = h.receive(3, new BlockRequest(Bytes32.fromHex32("11".repeat(32)), 10));
    assertThat(sent(none, BlockResponse.class))
        .singleElement()
        .satisfies(r -> assertThat(r.blocks()).isEmpty());
  }

  @Test
  void uncommittedBlocksSurviveARestart() {
    Harness h = started(0);
    h.receive(1, net.proposal(b1));
    h.receive(2, net.proposal(b2));
    assertThat(h.blocks.size()).isEqualTo(2);
    h.restart();
    assertThat(h.engine.currentRound()).isEqualTo(2);
    List<Action> a = h.receive(3, new BlockRequest(b2.id(), 10));
    assertThat(sent(a, BlockResponse.class))
        .singleElement()
        .satisfies(r -> assertThat(r.blocks()).containsExactly(b2, b1));
  }

  @Test
  void eventsBeforeStartAreIgnored() {
    Harness h = new Harness(net, 3);
    assertThat(h.receive(1, net.proposal(b1))).isEmpty();
  }
}
