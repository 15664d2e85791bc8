package io.levity.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes32;
import java.util.List;

/** Questions the node-level tests ask of a group of nodes. */
final class TestNodes {
  private TestNodes() {}

  static long minHead(List<ValidatorNode> nodes) {
    return nodes.stream().mapToLong(v -> v.head().number()).min().orElseThrow();
  }

  static long maxHead(List<ValidatorNode> nodes) {
    return nodes.stream().mapToLong(v -> v.head().number()).max().orElseThrow();
  }

  /** Every node has the same block hash (so the same state and receipts) at heights 1..upTo. */
  static void assertSameChain(List<ValidatorNode> nodes, long upTo) {
    for (long h = 1; h <= upTo; h++) {
      Bytes32 expected = nodes.get(0).store().canonicalHash(h).orElseThrow();
      for (ValidatorNode v : nodes)
        assertThat(v.store().canonicalHash(h)).as("block %d", h).contains(expected);
    }
  }
}
