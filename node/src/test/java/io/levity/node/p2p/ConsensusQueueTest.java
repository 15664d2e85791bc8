package io.levity.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConsensusQueueTest {
  private static NodeId id(int i) {
    byte[] k = new byte[32];
    k[0] = (byte) i;
    return new NodeId(Bytes.wrap(k));
  }

  @Test
  void aFloodingPeerFillsOnlyItsOwnQueueAndPeersAreServedInTurn() throws Exception {
    ConsensusQueue q = new ConsensusQueue("test-consensus", 3, 1_000);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> ran = new CopyOnWriteArrayList<>();
    try {
      NodeId flooder = id(1);
      NodeId honest = id(2);
      assertThat(
              q.offer(
                  id(3),
                  1,
                  () -> {
                    started.countDown();
                    awaitQuietly(release);
                  }))
          .isTrue();
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue(); // the thread is busy now
      CountDownLatch done = new CountDownLatch(1);
      for (int i = 0; i < 3; i++) {
        int n = i;
        Runnable task =
            () -> {
              ran.add("f" + n);
              if (n == 2) done.countDown();
            };
        assertThat(q.offer(flooder, 1, task)).isTrue();
      }
      assertThat(q.offer(flooder, 1, () -> ran.add("f3"))).as("its queue is full").isFalse();
      assertThat(q.offer(honest, 1, () -> ran.add("h0"))).as("others still get in").isTrue();
      assertThat(q.offer(honest, 1_000, () -> ran.add("h1"))).as("over its byte budget").isFalse();
      assertThat(q.dropped()).isEqualTo(2);
      release.countDown();
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(ran).as("in turn, not flood first").containsExactly("f0", "h0", "f1", "f2");
    } finally {
      release.countDown();
      q.close();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
