package io.levity.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PeerHeightsTest {
  private final TestPeers peers = new TestPeers();
  private final PeerHeights heights = peers.heights(); // f = 1

  @Test
  void oneValidatorClaimingToBeFarAheadIsNotEnoughToPauseButIsTheBestPeerToAsk() {
    heights.announced(peers.v1, 1_000);
    heights.announced(peers.v2, 10);
    heights.announced(peers.full, 2_000);
    assertThat(heights.claimedByFPlusOne(p -> true))
        .as("f + 1 = 2 validators vouch for 10 only")
        .isEqualTo(10);
    assertThat(heights.best(p -> true)).map(PeerHeights.Peer::id).contains(peers.full);
    heights.announced(peers.v3, 900);
    assertThat(heights.claimedByFPlusOne(p -> true)).isEqualTo(900);
  }

  @Test
  void disconnectedAndForgottenPeersDoNotCount() {
    heights.announced(peers.v1, 50);
    heights.announced(peers.v2, 60);
    assertThat(heights.claimedByFPlusOne(p -> !p.equals(peers.v2))).isEqualTo(-1);
    heights.forget(peers.v1);
    assertThat(heights.best(p -> !p.equals(peers.v2))).isEmpty();
    assertThat(heights.best(p -> true)).map(PeerHeights.Peer::height).contains(60L);
  }

  @Test
  void theTargetIsWhatFPlusOneValidatorsClaimAndOnlyAFullNodeFallsBackToTheBestPeer() {
    heights.announced(peers.full, 5_000);
    heights.announced(peers.v1, 1_000);
    assertThat(heights.target(p -> true, true)).as("one validator: no target").isEqualTo(-1);
    assertThat(heights.target(p -> true, false))
        .as("a full node hearing fewer than f + 1 validators follows its best peer")
        .isEqualTo(5_000);
    heights.announced(peers.v2, 40);
    assertThat(heights.target(p -> true, true)).isEqualTo(40);
    assertThat(heights.target(p -> true, false)).isEqualTo(40);
  }

  @Test
  void theSourceIsTheValidatorClaimingMostThenAnyPeerAhead() {
    heights.announced(peers.full, 5_000);
    heights.announced(peers.v1, 30);
    heights.announced(peers.v2, 30);
    heights.announced(peers.v3, 20);
    assertThat(heights.source(10, 30, p -> true))
        .as("validators at the target first; a tie goes to the lower id")
        .contains(peers.v1);
    assertThat(heights.source(10, 30, p -> !p.equals(peers.v1))).contains(peers.v2);
    assertThat(heights.source(10, 30, p -> p.equals(peers.full) || p.equals(peers.v3)))
        .as("no validator at the target: a non-validator may serve")
        .contains(peers.full);
    assertThat(heights.source(6_000, 6_001, p -> true)).as("nobody ahead").isEmpty();
  }

  @Test
  void onlyWhereFPlusOneOtherValidatorsExistCanPeersSayTheNodeIsBehind() {
    assertThat(heights.othersCanOutvote(peers.v0)).as("three others, f + 1 = 2").isTrue();
    assertThat(heights.othersCanOutvote(peers.full)).isTrue();
    assertThat(new PeerHeights(Set.of(peers.v0)).othersCanOutvote(peers.v0))
        .as("a chain of one validator")
        .isFalse();
  }
}
