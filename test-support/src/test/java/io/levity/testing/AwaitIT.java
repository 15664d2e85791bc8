package io.levity.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Waits on the wall clock (briefly), hence an IT. */
class AwaitIT {
  @Test
  void returnsOnceTheConditionHolds() throws InterruptedException {
    AtomicInteger polls = new AtomicInteger();
    Await.until(Duration.ofSeconds(10), "the third poll", () -> polls.incrementAndGet() >= 3);
    assertThat(polls).hasValue(3);
  }

  @Test
  void failsNamingWhatItWaitedForAfterTheTimeout() {
    assertThatThrownBy(() -> Await.until(Duration.ofMillis(30), () -> false, () -> "height " + 7))
        .isInstanceOf(AssertionError.class)
        .hasMessage("timed out after 30 ms waiting for height 7");
  }
}
