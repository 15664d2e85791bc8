package io.levity.storage.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.StorageNodeRecord;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A blocking transport's asks as the challenger makes them: answers, failures, cut-off asks. */
class BlockingAnswerTest {
  private final StorageNodeRecord node = new StorageNodeRecord(Bytes32.ZERO, "127.0.0.1:1");
  private final Challenge challenge =
      new Challenge(1, Bytes32.ZERO, Bytes32.ZERO, Bytes32.ZERO, 0, 262_144, 4);

  @Test
  void completesWithTheAnswerOrTheFailureOfTheBlockingCall() throws Exception {
    byte[] bytes = {1, 2, 3};
    AnswerTransport answering = (n, c) -> Optional.of(bytes);
    assertThat(answering.askAsync(node, challenge).get()).containsSame(bytes);
    AnswerTransport refusing =
        (n, c) -> {
          throw new IllegalStateException("refused");
        };
    CompletableFuture<Optional<byte[]>> failed = refusing.askAsync(node, challenge);
    try {
      failed.get();
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("refused");
    }
    assertThat(failed).isCompletedExceptionally();
  }

  @Test
  void cancellingAnAskInterruptsTheCallStuckOnASilentNode() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AnswerTransport stuck =
        (n, c) -> {
          entered.countDown();
          try {
            new CountDownLatch(1).await(); // a node that never answers
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
          return Optional.empty();
        };
    CompletableFuture<Optional<byte[]>> ask = stuck.askAsync(node, challenge);
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ask.cancel(true)).isTrue();
    assertThat(interrupted.await(30, TimeUnit.SECONDS))
        .as("the asking thread was interrupted")
        .isTrue();
  }
}
