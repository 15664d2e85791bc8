package io.levity.storage.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {
  @Test
  void allowsABurstThenTheRatePerAddress() {
    AtomicLong now = new AtomicLong();
    RequestRateLimiter limiter = new RequestRateLimiter(10, now::get);
    int allowed = 0;
    for (int i = 0; i < 50; i++) if (limiter.tryAcquire("a")) allowed++;
    assertThat(allowed).as("a burst of twice the rate").isEqualTo(20);
    assertThat(limiter.tryAcquire("b")).as("another address has its own bucket").isTrue();
    now.addAndGet(500_000_000L); // half a second refills 5 tokens
    allowed = 0;
    for (int i = 0; i < 50; i++) if (limiter.tryAcquire("a")) allowed++;
    assertThat(allowed).isEqualTo(5);
  }
}
