package io.levity.node.runtime;

import io.levity.consensus.engine.LedgerView;
import io.levity.consensus.types.Block;
import io.levity.consensus.types.BlockRef;
import io.levity.consensus.types.QuorumCert;
import io.levity.core.bytes.Bytes32;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The consensus blocks this node committed in the current epoch, in memory. Execution blocks are what is persisted;
 * a restarted node starts a new consensus epoch above its stored head (see docs/node.md), so this does not need to
 * survive restarts. Accessed only from the node's consensus thread.
 */
final class ConsensusLedger implements LedgerView {
  private final List<Block> blocks = new ArrayList<>();
  private final Map<Bytes32, Block> byId = new HashMap<>();
  private QuorumCert tipProof;

  void append(Block b, QuorumCert proof) {
    if (b.height() != blocks.size() + 1) {
      throw new IllegalStateException("consensus commit at height " + b.height() + " after " + blocks.size());
    }
    blocks.add(b);
    byId.put(b.id(), b);
    tipProof = proof;
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
