package io.levity.storage.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.time.Scheduler;
import io.levity.storage.chain.InMemoryStorageChain;
import io.levity.storage.proof.AnswerTransport;
import io.levity.testing.ManualScheduler;
import java.util.function.BooleanSupplier;

/**
 * The proof-of-storage suite in process and in virtual time: asks answer at once on the test
 * thread, timers and polls run as the scheduler is advanced.
 */
class ProofOfStorageTest extends ProofOfStorageSuite {
  private final ManualScheduler scheduler = new ManualScheduler();

  @Override
  TestNodes newNodes(InMemoryStorageChain chain) {
    return TestNodes.inProcess(chain);
  }

  @Override
  Scheduler scheduler() {
    return scheduler;
  }

  @Override
  AnswerTransport answers() {
    return new NodeAnswerTransport(nodes.transport(), Runnable::run);
  }

  @Override
  void awaitUntil(BooleanSupplier condition) {
    for (int step = 0; step < 60_000 && !condition.getAsBoolean(); step++) scheduler.advance(10);
    assertThat(condition.getAsBoolean()).as("within 10 minutes of virtual time").isTrue();
  }
}
