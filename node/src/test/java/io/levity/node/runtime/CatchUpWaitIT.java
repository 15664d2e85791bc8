package io.levity.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.time.TimeSource;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bounded wait of an RPC thread for its node to catch up, on real threads and time. */
class CatchUpWaitIT {
  @Test
  void aWaiterIsReleasedWhenTheMissingBlockIsStored() throws Exception {
    AtomicLong behind = new AtomicLong(1);
    CatchUpWait wait = new CatchUpWait(behind::get, TimeSource.system(), 10_000);
    Thread importer =
        new Thread(
            () -> {
              try {
                Thread.sleep(200);
              } catch (InterruptedException e) {
                return;
              }
              behind.set(0);
              wait.headMoved();
            });
    long start = System.nanoTime();
    importer.start();
    assertThat(wait.awaitCaughtUp()).isZero();
    assertThat((System.nanoTime() - start) / 1_000_000).isBetween(150L, 5_000L);
    importer.join();
  }

  @Test
  void aNodeStillBehindAtTheBoundSaysHowFar() {
    CatchUpWait wait = new CatchUpWait(() -> 3, TimeSource.system(), 300);
    long start = System.nanoTime();
    assertThat(wait.awaitCaughtUp()).isEqualTo(3);
    assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 5_000L);
  }

  @Test
  void aNodeThatCannotTellAfterTheBoundAnswersFromItsHead() {
    CatchUpWait wait = new CatchUpWait(() -> SyncRunner.UNKNOWN, TimeSource.system(), 200);
    long start = System.nanoTime();
    assertThat(wait.awaitCaughtUp()).isZero();
    assertThat((System.nanoTime() - start) / 1_000_000).isBetween(150L, 5_000L);
  }

  @Test
  void aNodeNotBehindOrNotWaitingAnswersAtOnce() {
    assertThat(new CatchUpWait(() -> 0, TimeSource.system(), 60_000).awaitCaughtUp()).isZero();
    assertThat(new CatchUpWait(() -> 2, TimeSource.system(), 0).awaitCaughtUp()).isEqualTo(2);
  }
}
