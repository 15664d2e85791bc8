package io.levity.storage.client;

import io.levity.storage.chain.InMemoryStorageChain;

/** The client suite over HTTP, against real storage nodes on loopback sockets. */
class StorageClientIT extends StorageClientSuite {
  @Override
  TestNodes newNodes(InMemoryStorageChain chain) {
    return TestNodes.http(chain);
  }
}
