package io.levity.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.node.p2p.Misbehavior;
import io.levity.node.p2p.NodeId;
import io.levity.node.runtime.BlockSyncer.Batch;
import io.levity.node.runtime.BlockSyncer.Step;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The sync decisions alone: no socket, no clock but the one each call is given. */
class BlockSyncerTest {
  private static final long MS = 1_000_000;

  private final TestPeers peers = new TestPeers();
  private final PeerHeights heights = peers.heights(); // f = 1
  private final Set<NodeId> disconnected = new HashSet<>();
  private final Predicate<NodeId> connected = this::connected;
  private final BlockSyncer validator = new BlockSyncer(heights, true);

  private boolean connected(NodeId peer) {
    return !disconnected.contains(peer);
  }

  @Test
  void aRunningValidatorDoesNothingWhileAtMostSyncGapBehind() {
    heights.announced(peers.v1, 10 + BlockSyncer.SYNC_GAP);
    heights.announced(peers.v2, 10 + BlockSyncer.SYNC_GAP);
    assertThat(validator.decide(10, true, connected, 0)).isEmpty();
    assertThat(validator.syncing()).isFalse();
  }

  @Test
  void oneValidatorFarAheadDoesNotPauseConsensusButFPlusOneDo() {
    heights.announced(peers.v1, 1_000);
    heights.announced(peers.v2, 10);
    assertThat(validator.decide(10, true, connected, 0)).as("one claim is not enough").isEmpty();

    heights.announced(peers.v3, 500);
    List<Step> steps = validator.decide(10, true, connected, 0);
    assertThat(steps)
        .containsExactly(
            new Step.PauseEngine("behind by 490 blocks; syncing"),
            new Step.Ask(peers.v1, 11, SyncBatches.BATCH));
    assertThat(validator.syncing()).isTrue();
    assertThat(validator.inFlight()).contains(new BlockSyncer.Request(peers.v1, 11, 0));
  }

  @Test
  void asksOneRequestAtATimeAndImportsWhatTheAnswerProves() {
    BlockSyncer fullNode = new BlockSyncer(heights, false);
    heights.announced(peers.v1, 100);
    assertThat(fullNode.decide(0, false, connected, 0))
        .containsExactly(new Step.Ask(peers.v1, 1, SyncBatches.BATCH));
    assertThat(fullNode.decide(0, false, connected, 500 * MS)).as("still waiting").isEmpty();
    assertThat(fullNode.received(peers.v2, Batch.importable(64))).as("unsolicited").isEmpty();
    assertThat(fullNode.received(peers.v1, Batch.importable(64)))
        .containsExactly(new Step.Import(64));
    assertThat(fullNode.received(peers.v1, Batch.importable(64))).as("late duplicate").isEmpty();
    assertThat(fullNode.decide(64, false, connected, 600 * MS))
        .containsExactly(new Step.Ask(peers.v1, 65, SyncBatches.BATCH));
  }

  @Test
  void aPeerThatDoesNotAnswerWithinFiveSecondsIsPenalisedAndAnotherIsAsked() {
    BlockSyncer fullNode = new BlockSyncer(heights, false);
    heights.announced(peers.v1, 100);
    heights.announced(peers.v2, 90);
    assertThat(fullNode.decide(0, false, connected, 0))
        .containsExactly(new Step.Ask(peers.v1, 1, SyncBatches.BATCH));
    assertThat(fullNode.decide(0, false, connected, BlockSyncer.REQUEST_TIMEOUT_NANOS)).isEmpty();
    assertThat(fullNode.decide(0, false, connected, BlockSyncer.REQUEST_TIMEOUT_NANOS + 1))
        .containsExactly(
            new Step.Penalize(peers.v1, Misbehavior.UNANSWERED_REQUEST, "block request timed out"),
            new Step.Ask(peers.v2, 1, SyncBatches.BATCH));
    assertThat(heights.best(connected)).map(PeerHeights.Peer::id).contains(peers.v2);
  }

  @Test
  void aPeerAnnouncingAHeightItCannotServeIsPenalisedAndForgottenUntilItAnnouncesAgain() {
    BlockSyncer fullNode = new BlockSyncer(heights, false);
    heights.announced(peers.full, 1_000_000);
    heights.announced(peers.v1, 20);
    fullNode.decide(0, false, connected, 0);
    assertThat(fullNode.received(peers.full, Batch.faulty(Misbehavior.INVALID_DATA, "empty")))
        .containsExactly(new Step.Penalize(peers.full, Misbehavior.INVALID_DATA, "empty"));
    assertThat(fullNode.decide(0, false, connected, MS))
        .containsExactly(new Step.Ask(peers.v1, 1, SyncBatches.BATCH));
  }

  @Test
  void onceLevelAgainAValidatorSaysItCaughtUpAndRestartsItsEngine() {
    heights.announced(peers.v1, 30);
    heights.announced(peers.v2, 29);
    assertThat(validator.decide(10, true, connected, 0))
        .containsExactly(
            new Step.PauseEngine("behind by 19 blocks; syncing"),
            new Step.Ask(peers.v1, 11, SyncBatches.BATCH));
    assertThat(validator.received(peers.v1, Batch.importable(20)))
        .containsExactly(new Step.Import(20));
    assertThat(validator.decide(30, false, connected, MS))
        .containsExactly(new Step.CaughtUp(30), new Step.StartEngine());
    assertThat(validator.syncing()).isFalse();
    assertThat(validator.decide(30, true, connected, 2 * MS)).as("running, level").isEmpty();
  }

  @Test
  void aPausedValidatorWithNoPeerAheadRestartsItsEngineAndAFullNodeNeverDoes() {
    assertThat(validator.decide(5, false, connected, 0)).containsExactly(new Step.StartEngine());
    assertThat(new BlockSyncer(heights, false).decide(5, false, connected, 0)).isEmpty();
  }

  @Test
  void aNonValidatorAnnouncingAHugeHeightDoesNotKeepAPausedValidatorPaused() {
    heights.announced(peers.full, 1_000_000);
    heights.announced(peers.v1, 10);
    heights.announced(peers.v2, 10);
    heights.announced(peers.v3, 10);
    assertThat(validator.decide(10, false, connected, 0))
        .as("no f + 1 validators are ahead: the paused engine restarts")
        .containsExactly(new Step.StartEngine());
    assertThat(validator.syncing()).isFalse();
    assertThat(new BlockSyncer(heights, false).decide(10, false, connected, 0))
        .as("a full node that hears f + 1 validators follows them, not the liar")
        .isEmpty();
  }

  @Test
  void oneValidatorClaimingMoreThanTheOthersSetsNoTargetAlone() {
    heights.announced(peers.v1, 1_000_000);
    heights.announced(peers.v2, 30);
    heights.announced(peers.v3, 30);
    assertThat(validator.decide(10, false, connected, 0))
        .as("synced to what f + 1 claim, asking the validator that claims most")
        .containsExactly(new Step.Ask(peers.v1, 11, SyncBatches.BATCH));
    assertThat(validator.received(peers.v1, Batch.faulty(Misbehavior.FALSE_CLAIM, "empty")))
        .containsExactly(new Step.Penalize(peers.v1, Misbehavior.FALSE_CLAIM, "empty"));
    assertThat(validator.decide(10, false, connected, MS))
        .containsExactly(new Step.Ask(peers.v2, 11, SyncBatches.BATCH));
    assertThat(validator.received(peers.v2, Batch.importable(20)))
        .containsExactly(new Step.Import(20));
    heights.announced(peers.v1, 1_000_000); // it lies again
    assertThat(validator.decide(30, false, connected, 2 * MS))
        .as("at the f + 1 claim: caught up although one validator claims more")
        .containsExactly(new Step.CaughtUp(30), new Step.StartEngine());
  }

  @Test
  void claimsThatNeverComeOrDoNotVerifyCostHard() {
    assertThat(Misbehavior.FALSE_CLAIM.penalty()).as("one false claim bans").isEqualTo(100);
    assertThat(Misbehavior.UNANSWERED_REQUEST.penalty()).as("two timeouts ban").isEqualTo(50);
  }

  @Test
  void disconnectedPeersAreNeitherCountedNorAsked() {
    heights.announced(peers.v1, 100);
    heights.announced(peers.v2, 100);
    disconnected.add(peers.v2);
    assertThat(validator.decide(0, true, connected, 0)).as("only one connected claim").isEmpty();
    disconnected.add(peers.v1);
    assertThat(new BlockSyncer(heights, false).decide(0, false, connected, 0)).isEmpty();
  }
}
