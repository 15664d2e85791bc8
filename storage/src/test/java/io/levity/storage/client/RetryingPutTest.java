package io.levity.storage.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.testing.ManualScheduler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The put retry rule and its back-off, in virtual time: no thread waits between attempts. */
class RetryingPutTest {
  private final ManualScheduler scheduler = new ManualScheduler();

  /** Runs attempts on the test thread, so all that happens between them is the scheduler's. */
  private final Executor direct = Runnable::run;

  private final RetryingPut retrying = new RetryingPut(scheduler, direct);

  /** When (virtual ms) each attempt ran. */
  private final List<Long> attempts = new ArrayList<>();

  private static NodeRequestException refusal(int status, String code) {
    return new NodeRequestException("n:1", status, code, "refused", null);
  }

  /** An attempt that fails with {@code failures} in turn, then succeeds. */
  private RetryingPut.Attempt failing(NodeRequestException... failures) {
    return () -> {
      attempts.add(scheduler.nowMillis());
      if (attempts.size() <= failures.length) throw failures[attempts.size() - 1];
    };
  }

  @Test
  void aBusyNodeIsAskedAgainAfterTwoHundredMillisecondsTimesTheAttempt() {
    CompletableFuture<String> put =
        retrying.put("n:1", failing(refusal(503, "busy"), refusal(503, "busy")));
    assertThat(attempts).containsExactly(0L);
    assertThat(scheduler.millisUntilNext()).isEqualTo(200);
    scheduler.advance(199);
    assertThat(attempts).hasSize(1);
    scheduler.advance(1);
    assertThat(attempts).containsExactly(0L, 200L);
    assertThat(put).isNotDone();
    scheduler.advance(400);
    assertThat(attempts).containsExactly(0L, 200L, 600L);
    assertThat(put).isCompletedWithValue(null);
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void aNodeBusyFiveTimesIsGivenUpOn() {
    NodeRequestException busy = refusal(503, "busy");
    CompletableFuture<String> put =
        retrying.put("n:1", failing(busy, busy, busy, busy, busy, busy));
    while (scheduler.runNext()) {
      // every back-off in turn
    }
    assertThat(attempts).containsExactly(0L, 200L, 600L, 1200L, 2000L);
    assertThat(put.join()).isEqualTo("n:1: busy " + busy.getMessage());
  }

  @Test
  void anUnreachableNodeIsTriedOnceMoreAtOnceThenGivenUpOn() {
    NodeRequestException down = NodeRequestException.unreachable("n:1", "refused", null);
    CompletableFuture<String> put = retrying.put("n:1", failing(down, down));
    assertThat(attempts).containsExactly(0L, 0L);
    assertThat(put.join()).isEqualTo("n:1: unreachable");
    assertThat(scheduler.pending()).isZero();

    attempts.clear();
    assertThat(retrying.put("n:1", failing(down)).join()).isNull();
    assertThat(attempts).containsExactly(0L, 0L);
  }

  @Test
  void otherRefusalsAndErrorsAreFinal() {
    NodeRequestException mismatch = refusal(422, "root_mismatch");
    assertThat(retrying.put("n:1", failing(mismatch)).join())
        .isEqualTo("n:1: root_mismatch " + mismatch.getMessage());
    assertThat(attempts).hasSize(1);
    RetryingPut.Attempt ioError =
        () -> {
          throw new IOException("disk gone");
        };
    assertThat(retrying.put("n:1", ioError).join()).isEqualTo("n:1: disk gone");
    RetryingPut.Attempt bug =
        () -> {
          throw new IllegalStateException("bug");
        };
    assertThat(retrying.put("n:1", bug)).isCompletedExceptionally();
    assertThat(scheduler.pending()).isZero();
  }

  @Test
  void theRetryDelayRule() {
    assertThat(RetryingPut.retryDelayMillis(1, refusal(503, "busy"))).isEqualTo(200);
    assertThat(RetryingPut.retryDelayMillis(4, refusal(503, "busy"))).isEqualTo(800);
    assertThat(RetryingPut.retryDelayMillis(5, refusal(503, "busy"))).isEqualTo(-1);
    assertThat(RetryingPut.retryDelayMillis(1, refusal(429, "rate_limited"))).isEqualTo(-1);
    NodeRequestException down = NodeRequestException.unreachable("n:1", "x", null);
    assertThat(RetryingPut.retryDelayMillis(1, down)).isZero();
    assertThat(RetryingPut.retryDelayMillis(2, down)).isEqualTo(-1);
  }
}
