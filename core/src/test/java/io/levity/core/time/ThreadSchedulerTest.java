package io.levity.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadSchedulerTest {
  @Test
  void runsTasksInOrderOnItsOwnThreadAndSurvivesAFailingTask() throws Exception {
    try (ThreadScheduler s = new ThreadScheduler("test-scheduler")) {
      List<String> ran = new CopyOnWriteArrayList<>();
      CountDownLatch done = new CountDownLatch(1);
      s.execute(() -> ran.add(Thread.currentThread().getName()));
      s.execute(
          () -> {
            throw new IllegalStateException("expected in this test");
          });
      s.execute(() -> ran.add(s.onSchedulerThread() ? "on-thread" : "elsewhere"));
      s.execute(done::countDown);
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(ran).containsExactly("test-scheduler", "on-thread");
      assertThat(s.onSchedulerThread()).isFalse();
    }
  }

  @Test
  void aCancelledTimerDoesNotFireAndNothingRunsAfterClose() throws Exception {
    ThreadScheduler s = new ThreadScheduler("test-scheduler");
    List<String> ran = new CopyOnWriteArrayList<>();
    Scheduler.Cancellable c = s.schedule(50, () -> ran.add("cancelled"));
    c.cancel();
    CountDownLatch later = new CountDownLatch(1);
    s.schedule(100, later::countDown);
    assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
    s.close();
    s.execute(() -> ran.add("after close"));
    s.schedule(0, () -> ran.add("after close"));
    assertThat(ran).isEmpty();
  }
}
