package io.levity.cli.bench.tps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Window accounting, inclusion, latency and loss as the tracker counts them. */
class TxTrackerTest {
  @Test
  void countsTheWindowAndReportsLoss() {
    TxTracker t = new TxTracker(new long[] {0, 5});
    t.sent("0xA1", 0, 0, 100);
    t.acknowledged("0xa1", 110); // hashes match case-insensitively
    t.sent("0xb1", 1, 5, 120);
    t.acknowledged("0xb1", 130);
    t.sent("0xb2", 1, 6, 900);
    t.acknowledged("0xb2", 1_100); // acknowledged after the window [100, 1000]
    t.sent("0xb3", 1, 7, 950); // never acknowledged (given up at the deadline)
    assertThat(t.seenInBlock("0xa1", 3, 600)).isTrue();
    assertThat(t.seenInBlock("0xb1", 3, 600)).isTrue();
    assertThat(t.seenInBlock("0xb2", 4, 1_500)).isTrue();
    assertThat(t.seenInBlock("0xffff", 4, 1_500)).isFalse(); // someone else's
    assertThat(t.seenInBlock("0xa1", 5, 2_000)).isTrue(); // seen again: the first sight counts
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

    t.sent("0xa2", 0, 1, 1_200);
    t.acknowledged("0xa2", 1_210);
    assertThat(t.awaitingInclusion()).isEqualTo(1);
    assertThat(t.tally(100, 1_000).lost()).isEqualTo(1);
  }

  @Test
  void abandonedTransactionsAreForgottenUnlessTheyLanded() {
    TxTracker t = new TxTracker(new long[] {0});
    t.sent("0x01", 0, 0, 1);
    t.abandoned("0x01");
    assertThat(t.seenInBlock("0x01", 1, 5)).isFalse();
    t.sent("0x02", 0, 0, 10);
    assertThat(t.seenInBlock("0x02", 1, 20)).isTrue();
    t.abandoned("0x02");
    assertThat(t.tally(0, 100).includedUnacknowledged()).isEqualTo(1);
    assertThatThrownBy(() -> t.sent("0x02", 0, 0, 30)).hasMessageContaining("sent twice");
    assertThatThrownBy(() -> t.acknowledged("0x99", 30)).hasMessageContaining("never sent");
  }
}
