package io.levity.consensus.engine;

import io.levity.consensus.types.ConsensusBlock;
import io.levity.core.bytes.Bytes32;
import java.util.Collection;
import java.util.List;

/**
 * Port for the uncommitted blocks a node holds. {@link #save} must be durable when it returns: a
 * block is saved before the node votes for it or anything above it, so a certified block survives
 * crashes of everyone who voted for it (otherwise a QC could outlive its block and stall every
 * later proposal). The host drops a block from here once it has persisted its {@link
 * Action.Commit}; the engine discards forks that can never commit.
 */
public interface PendingBlockStore {
  void save(ConsensusBlock b);

  void discard(Collection<Bytes32> ids);

  /** Everything saved and not yet discarded or committed, in any order. */
  List<ConsensusBlock> load();
}
