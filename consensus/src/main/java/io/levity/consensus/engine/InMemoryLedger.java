package io.levity.consensus.engine;

import io.levity.consensus.types.BlockRef;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.core.bytes.Bytes32;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Committed consensus blocks in memory, in height order, with the certificate that committed the
 * tip. Used by the simulator (where "disk" survives simulated crashes) and by the node for the
 * current epoch. Not thread-safe.
 */
public class InMemoryLedger implements LedgerView {
  private final List<ConsensusBlock> blocks = new ArrayList<>();
  private final Map<Bytes32, ConsensusBlock> byId = new HashMap<>();
  private QuorumCert tipProof;

  /** Appends the next committed block; heights must follow on without gaps. */
  public void append(ConsensusBlock b, QuorumCert proof) {
    if (b.height() != blocks.size() + 1) {
      throw new IllegalStateException("commit at height " + b.height() + " after " + blocks.size());
    }
    blocks.add(b);
    byId.put(b.id(), b);
    tipProof = proof;
  }

  public long height() {
    return blocks.size();
  }

  /** The block at a height from 1 to {@link #height()}. */
  public ConsensusBlock at(long height) {
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
  public Optional<ConsensusBlock> block(Bytes32 id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public Optional<Bytes32> idAt(long height) {
    return height >= 1 && height <= blocks.size()
        ? Optional.of(blocks.get((int) height - 1).id())
        : Optional.empty();
  }
}
