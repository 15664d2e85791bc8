package io.levity.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import io.levity.node.p2p.NodeId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeerHeightsTest {
  private static NodeId id(int i) {
    byte[] k = new byte[32];
    k[0] = (byte) i;
    return new NodeId(Bytes.wrap(k));
  }

  private final NodeId v0 = id(0);
  private final NodeId v1 = id(1);
  private final NodeId v2 = id(2);
  private final NodeId v3 = id(3);
  private final NodeId full = id(9);
  private final PeerHeights heights = new PeerHeights(Set.of(v0, v1, v2, v3)); // f = 1

  @Test
  void oneValidatorClaimingToBeFarAheadIsNotEnoughToPauseButIsTheBestPeerToAsk() {
    heights.announced(v1, 1_000);
    heights.announced(v2, 10);
    heights.announced(full, 2_000);
    assertThat(heights.claimedByFPlusOne(p -> true))
        .as("f + 1 = 2 validators vouch for 10 only")
        .isEqualTo(10);
    assertThat(heights.best(p -> true)).map(PeerHeights.Peer::id).contains(full);
    heights.announced(v3, 900);
    assertThat(heights.claimedByFPlusOne(p -> true)).isEqualTo(900);
  }

  @Test
  void disconnectedAndForgottenPeersDoNotCount() {
    heights.announced(v1, 50);
    heights.announced(v2, 60);
    assertThat(heights.claimedByFPlusOne(p -> !p.equals(v2))).isEqualTo(-1);
    heights.forget(v1);
    assertThat(heights.best(p -> !p.equals(v2))).isEmpty();
    assertThat(heights.best(p -> true)).map(PeerHeights.Peer::height).contains(60L);
  }
}
