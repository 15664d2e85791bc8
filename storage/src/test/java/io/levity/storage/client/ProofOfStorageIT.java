package io.levity.storage.client;

import io.levity.storage.chain.InMemoryStorageChain;

/** The proof-of-storage suite over HTTP, with real nodes, threads and time. */
class ProofOfStorageIT extends ProofOfStorageSuite {
  @Override
  TestNodes newNodes(InMemoryStorageChain chain) {
    return TestNodes.http(chain);
  }
}
