package io.levity.storage.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.time.Scheduler;
import io.levity.core.time.ThreadScheduler;
import io.levity.storage.chain.InMemoryStorageChain;
import io.levity.storage.proof.AnswerTransport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;

/** The proof-of-storage suite over HTTP, with real nodes, threads and time. */
class ProofOfStorageIT extends ProofOfStorageSuite {
  private final ThreadScheduler scheduler = new ThreadScheduler("proof-test");

  @AfterEach
  void stopScheduler() {
    scheduler.close();
  }

  @Override
  TestNodes newNodes(InMemoryStorageChain chain) {
    return TestNodes.http(chain);
  }

  @Override
  Scheduler scheduler() {
    return scheduler;
  }

  @Override
  AnswerTransport answers() {
    return new NodeAnswerTransport(nodes.transport());
  }

  @Override
  void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(condition.getAsBoolean()).as("within 60 s").isTrue();
  }
}
