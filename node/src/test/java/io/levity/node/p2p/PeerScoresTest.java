package io.levity.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes32;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PeerScoresTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final PeerScores scores = new PeerScores(100, Duration.ofMinutes(10), 10, now::get);
  private final NodeId peer = new NodeId(Bytes32.wrap32(new byte[32]));

  @Test
  void penaltiesAccumulateUntilTheBan() {
    assertThat(scores.penalize(peer, Misbehavior.INVALID_DATA)).isFalse();
    assertThat(scores.penalize(peer, Misbehavior.INVALID_DATA)).isFalse();
    assertThat(scores.penalize(peer, Misbehavior.INVALID_DATA)).isFalse();
    assertThat(scores.score(peer)).isEqualTo(-75);
    assertThat(scores.isBanned(peer)).isFalse();
    assertThat(scores.penalize(peer, Misbehavior.INVALID_DATA)).isTrue();
    assertThat(scores.isBanned(peer)).isTrue();
  }

  @Test
  void aMalformedMessageBansAtOnce() {
    assertThat(scores.penalize(peer, Misbehavior.MALFORMED_MESSAGE)).isTrue();
  }

  @Test
  void theBanEndsAfterItsDurationWithAFreshScore() {
    scores.penalize(peer, Misbehavior.OVERSIZED_MESSAGE);
    now.addAndGet(Duration.ofMinutes(10).toNanos() - 1);
    assertThat(scores.isBanned(peer)).isTrue();
    now.addAndGet(1);
    assertThat(scores.isBanned(peer)).isFalse();
    assertThat(scores.score(peer)).isZero();
  }

  @Test
  void scoresRecoverOverTime() {
    scores.penalize(peer, Misbehavior.UNEXPECTED_MESSAGE);
    assertThat(scores.score(peer)).isEqualTo(-50);
    now.addAndGet(Duration.ofMinutes(3).toNanos());
    assertThat(scores.score(peer)).isEqualTo(-20);
    now.addAndGet(Duration.ofMinutes(30).toNanos());
    assertThat(scores.score(peer)).isZero();
  }
}
