package io.levity.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import org.junit.jupiter.api.Test;

class PeerQuotasTest {
  private static final long SECOND = 1_000_000_000L;
  private long now;
  private final PeerQuotas quotas = new PeerQuotas(100, 400, () -> now);
  private final NodeId a = new NodeId(Bytes.wrap(new byte[32]));
  private final NodeId b =
      new NodeId(
          Bytes.wrap(
              new byte[] {
                1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0
              }));

  @Test
  void aPeerSpendsItsBurstThenWaitsForTheRateAndOthersAreUnaffected() {
    assertThat(quotas.available(a)).isTrue();
    quotas.charge(a, 450); // one big answer may overdraw
    assertThat(quotas.available(a)).isFalse();
    assertThat(quotas.available(b)).as("a bucket per peer").isTrue();
    now += SECOND / 2; // +50: still in debt
    assertThat(quotas.available(a)).isFalse();
    now += SECOND; // +100 more
    assertThat(quotas.available(a)).isTrue();
    now += 100 * SECOND;
    quotas.charge(a, 400);
    assertThat(quotas.available(a)).as("refilled to the burst, not beyond").isFalse();
  }
}
