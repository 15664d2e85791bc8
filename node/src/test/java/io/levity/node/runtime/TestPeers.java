package io.levity.node.runtime;

import io.levity.core.bytes.Bytes;
import io.levity.node.p2p.NodeId;
import java.util.Set;

/** Node ids for sync tests: four validators (so f = 1) and a full node. */
final class TestPeers {
  final NodeId v0 = id(0);
  final NodeId v1 = id(1);
  final NodeId v2 = id(2);
  final NodeId v3 = id(3);
  final NodeId full = id(9);

  /** Heights of the four validators' set, nothing announced yet. */
  PeerHeights heights() {
    return new PeerHeights(Set.of(v0, v1, v2, v3));
  }

  static NodeId id(int i) {
    byte[] k = new byte[32];
    k[0] = (byte) i;
    return new NodeId(Bytes.wrap(k));
  }
}
