package io.levity.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.time.Scheduler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {
  @Test
  void runsTasksInDueTimeThenSubmissionOrder() {
    ManualScheduler s = new ManualScheduler();
    List<String> ran = new ArrayList<>();
    s.schedule(20, () -> ran.add("b@20"));
    s.schedule(10, () -> ran.add("a@10"));
    s.schedule(20, () -> ran.add("c@20"));
    s.execute(() -> ran.add("now"));
    assertThat(ran).isEmpty();
    s.advance(15);
    assertThat(ran).containsExactly("now", "a@10");
    assertThat(s.nowMillis()).isEqualTo(15);
    s.advance(5);
    assertThat(ran).containsExactly("now", "a@10", "b@20", "c@20");
  }

  @Test
  void aTaskSeesItsOwnDueTimeAndMaySubmitMore() {
    ManualScheduler s = new ManualScheduler();
    List<Long> seen = new ArrayList<>();
    s.schedule(
        10,
        () -> {
          seen.add(s.nowMillis());
          s.schedule(5, () -> seen.add(s.nowMillis()));
        });
    s.advance(100);
    assertThat(seen).containsExactly(10L, 15L);
    assertThat(s.nowMillis()).isEqualTo(100);
  }

  @Test
  void cancelledTasksDoNotRun() {
    ManualScheduler s = new ManualScheduler();
    List<String> ran = new ArrayList<>();
    Scheduler.Cancellable c = s.schedule(10, () -> ran.add("x"));
    c.cancel();
    assertThat(s.pending()).isZero();
    s.advance(50);
    assertThat(ran).isEmpty();
  }

  @Test
  void repeatingTasksRunWithFixedDelayUntilCancelled() {
    ManualScheduler s = new ManualScheduler();
    List<Long> at = new ArrayList<>();
    Scheduler.Cancellable c = s.scheduleRepeating(100, () -> at.add(s.nowMillis()));
    s.advance(350);
    assertThat(at).containsExactly(100L, 200L, 300L);
    c.cancel();
    s.advance(1000);
    assertThat(at).hasSize(3);
  }

  @Test
  void runNextJumpsToTheNextDueTask() {
    ManualScheduler s = new ManualScheduler(0);
    s.schedule(250, () -> {});
    assertThat(s.millisUntilNext()).isEqualTo(250);
    assertThat(s.runNext()).isTrue();
    assertThat(s.nowMillis()).isEqualTo(250);
    assertThat(s.epochMillis()).isEqualTo(250);
    assertThat(s.runNext()).isFalse();
  }
}
