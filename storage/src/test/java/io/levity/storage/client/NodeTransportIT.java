package io.levity.storage.client;

import io.levity.storage.chain.InMemoryStorageChain;

/** The node suite over HTTP, against a real storage node on a loopback socket. */
class NodeTransportIT extends NodeTransportSuite {
  @Override
  TestNodes newNodes(InMemoryStorageChain chain) {
    return TestNodes.http(chain);
  }
}
