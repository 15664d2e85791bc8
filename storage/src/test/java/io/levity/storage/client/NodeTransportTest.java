package io.levity.storage.client;

import io.levity.storage.chain.InMemoryStorageChain;

/** The node suite over the in-process transport: the service's rules without sockets. */
class NodeTransportTest extends NodeTransportSuite {
  @Override
  TestNodes newNodes(InMemoryStorageChain chain) {
    return TestNodes.inProcess(chain);
  }
}
