package io.levity.consensus.sim;

import io.levity.consensus.engine.InMemoryLedger;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's committed blocks and simulated state roots, as its disk would hold them: they survive
 * simulated crashes.
 */
final class SimLedger extends InMemoryLedger {
  private final List<Bytes32> roots = new ArrayList<>();

  /**
   * Appends a committed block and returns its simulated state root (a hash chain over block ids).
   */
  Bytes32 commit(ConsensusBlock b, QuorumCert proof) {
    append(b, proof);
    Bytes32 prev = roots.isEmpty() ? Bytes32.ZERO : roots.get(roots.size() - 1);
    Bytes32 root =
        Bytes32.wrap32(
            new Keccak.Hasher().update(prev.unsafeArray()).update(b.id().unsafeArray()).digest());
    roots.add(root);
    return root;
  }
}
