package io.levity.consensus.sim;

import io.levity.consensus.engine.LedgerView;
import io.levity.consensus.types.Block;
import io.levity.consensus.types.BlockRef;
import io.levity.consensus.types.QuorumCert;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A node's committed blocks and state roots, as its disk would hold them: they survive simulated crashes. */
final class SimLedger implements LedgerView {
  private final List<Block> blocks = new ArrayList<>();
  private final List<Bytes32> roots = new ArrayList<>();
  private final Map<Bytes32, Block> byId = new HashMap<>();
  private QuorumCert tipProof;

  /** Appends a committed block and returns its simulated state root. */
  Bytes32 append(Block b, QuorumCert proof) {
    if (b.height() != blocks.size() + 1) {
      throw new IllegalStateException("commit at height " + b.height() + " after " + blocks.size());
    }
    blocks.add(b);
    byId.put(b.id(), b);
    tipProof = proof;
    Bytes32 prev = roots.isEmpty() ? Bytes32.ZERO : roots.get(roots.size() - 1);
    Bytes32 root = Bytes32.wrap32(new Keccak.Hasher().update(prev.unsafeArray()).update(b.id().unsafeArray()).digest());
    roots.add(root);
    return root;
  }

  long height() {
    return blocks.size();
  }

  Block at(long height) {
    return blocks.get((int) height - 1);
  }

  @Override
  public Optional<BlockRef> tip() {
    return blocks.isEmpty() ? Optional.empty() : Optional.of(blocks.get(blocks.size() - 1).ref());
  }

  @Override
  public Optional<QuorumCert> tipProof() {
    return Optional.ofNullable(tipProof);
  }

  @Override
  public Optional<Block> block(Bytes32 id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public Optional<Bytes32> idAt(long height) {
    return height >= 1 && height <= blocks.size() ? Optional.of(blocks.get((int) height - 1).id()) : Optional.empty();
  }
}
