package io.levity.cli.bench.tps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import org.junit.jupiter.api.Test;

/** Window accounting, inclusion, latency and loss as the tracker counts them. */
class TxTrackerTest {
  private static Bytes32 h(String hex) {
    return Bytes32.leftPad(Hex.decode(hex));
  }

  @Test
  void countsTheWindowAndReportsLoss() {
    TxTracker t = new TxTracker(new long[] {0, 5});
    t.sent(h("a1"), 0, 0, 100);
    t.acknowledged(h("a1"), 110);
    t.sent(h("b1"), 1, 5, 120);
    t.acknowledged(h("b1"), 130);
    t.sent(h("b2"), 1, 6, 900);
    t.acknowledged(h("b2"), 1_100); // acknowledged after the window [100, 1000]
    t.sent(h("b3"), 1, 7, 950); // never acknowledged (given up at the deadline)
    assertThat(t.seenInBlock(h("a1"), 3, 600)).isTrue();
    assertThat(t.seenInBlock(h("b1"), 3, 600)).isTrue();
    assertThat(t.seenInBlock(h("b2"), 4, 1_500)).isTrue();
    assertThat(t.seenInBlock(h("ffff"), 4, 1_500)).isFalse(); // someone else's
    assertThat(t.seenInBlock(h("a1"), 5, 2_000)).isTrue(); // seen again: the first sight counts
    assertThat(t.includedNext(0)).isEqualTo(1);
    assertThat(t.includedNext(1)).isEqualTo(7);

    TxTracker.Tally tally = t.tally(100, 1_000);
    assertThat(tally.acknowledgedInWindow()).isEqualTo(2);
    assertThat(tally.committedInWindow()).isEqualTo(2);
    assertThat(tally.acknowledged()).isEqualTo(3);
    assertThat(tally.included()).isEqualTo(3);
    assertThat(tally.lost()).isZero();
    assertThat(tally.latencyNanos()).containsExactlyInAnyOrder(500L, 480L, 600L);
    assertThat(t.awaitingInclusion()).isZero();

    t.sent(h("a2"), 0, 1, 1_200);
    t.acknowledged(h("a2"), 1_210);
    assertThat(t.awaitingInclusion()).isEqualTo(1);
    assertThat(t.tally(100, 1_000).lost()).isEqualTo(1);
  }

  @Test
  void abandonedTransactionsAreForgottenUnlessTheyLanded() {
    TxTracker t = new TxTracker(new long[] {0});
    t.sent(h("01"), 0, 0, 1);
    t.abandoned(h("01"));
    assertThat(t.seenInBlock(h("01"), 1, 5)).isFalse();
    t.sent(h("02"), 0, 0, 10);
    assertThat(t.seenInBlock(h("02"), 1, 20)).isTrue();
    t.abandoned(h("02"));
    assertThat(t.tally(0, 100).includedUnacknowledged()).isEqualTo(1);
    assertThatThrownBy(() -> t.sent(h("02"), 0, 0, 30)).hasMessageContaining("sent twice");
    assertThatThrownBy(() -> t.acknowledged(h("99"), 30)).hasMessageContaining("never sent");
  }
}
