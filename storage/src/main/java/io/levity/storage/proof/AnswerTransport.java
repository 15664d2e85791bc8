package io.levity.storage.proof;

import io.levity.storage.chain.StorageNodeRecord;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * How a challenger reaches a storage node: sends a {@link Challenge} (its {@link Challenge#encode()
 * wire form}) and returns the node's encoded {@link Answer}. Implemented over the node client by
 * {@code NodeAnswerTransport}; tests use in-process lambdas, or {@link #async} futures to control
 * when (in virtual time) answers arrive.
 *
 * <p>{@link #ask} may block; {@link EpochChallenger} calls {@link #askAsync}, which by default runs
 * it on a virtual thread of its own, and cuts every ask off at its own timeout by cancelling the
 * future (which interrupts a blocked ask). An empty result (the node says it does not hold the
 * shard), an exception and a timeout all count as {@link FailureReason#NO_ANSWER}. The bytes
 * returned are untrusted: the verifier checks them.
 */
@FunctionalInterface
public interface AnswerTransport {
  Optional<byte[]> ask(StorageNodeRecord node, Challenge challenge);

  /**
   * Asks without blocking the caller: the future completes with what {@link #ask} returns or
   * throws.
   */
  default CompletableFuture<Optional<byte[]>> askAsync(
      StorageNodeRecord node, Challenge challenge) {
    return onExecutor(this, node, challenge, r -> Thread.ofVirtual().name("answer-ask").start(r));
  }

  /**
   * Runs {@code transport}'s blocking ask on {@code executor}; cancelling the future interrupts it
   * while it runs.
   */
  static CompletableFuture<Optional<byte[]>> onExecutor(
      AnswerTransport transport, StorageNodeRecord node, Challenge challenge, Executor executor) {
    return BlockingAnswer.start(() -> transport.ask(node, challenge), executor);
  }

  /** Asks that answer through a future; it may never complete. */
  @FunctionalInterface
  interface AsyncAsk {
    CompletableFuture<Optional<byte[]>> ask(StorageNodeRecord node, Challenge challenge);
  }

  /**
   * A transport whose answers arrive as futures: {@link #askAsync} returns them as they are (a test
   * completes them in virtual time, or never), {@link #ask} waits for them.
   */
  static AnswerTransport async(AsyncAsk ask) {
    return new AnswerTransport() {
      @Override
      public Optional<byte[]> ask(StorageNodeRecord node, Challenge challenge) {
        return ask.ask(node, challenge).join();
      }

      @Override
      public CompletableFuture<Optional<byte[]>> askAsync(
          StorageNodeRecord node, Challenge challenge) {
        return ask.ask(node, challenge);
      }
    };
  }
}
