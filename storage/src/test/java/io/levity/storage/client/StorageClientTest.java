package io.levity.storage.client;

import io.levity.storage.chain.InMemoryStorageChain;

/** The client suite over the in-process transport: real nodes' services, no sockets. */
class StorageClientTest extends StorageClientSuite {
  @Override
  TestNodes newNodes(InMemoryStorageChain chain) {
    return TestNodes.inProcess(chain);
  }
}
