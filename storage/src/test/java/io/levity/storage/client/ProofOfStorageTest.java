package io.levity.storage.client;

import io.levity.storage.chain.InMemoryStorageChain;

/**
 * The proof-of-storage suite in process and in virtual time: asks answer at once, timers and polls
 * run as the test advances the scheduler.
 */
class ProofOfStorageTest extends ProofOfStorageSuite {
  @Override
  TestNodes newNodes(InMemoryStorageChain chain) {
    return TestNodes.inProcess(chain);
  }
}
