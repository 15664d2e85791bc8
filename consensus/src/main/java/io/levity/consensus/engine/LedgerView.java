package io.levity.consensus.engine;

import io.levity.consensus.types.BlockRef;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.core.bytes.Bytes32;
import java.util.Optional;

/**
 * Port: read access to the blocks this node committed, which the host persists on {@link
 * Action.Commit}. The engine restarts from its tip and serves sync requests from it.
 */
public interface LedgerView {
  /** The last committed block, or empty before the first commit. */
  Optional<BlockRef> tip();

  /** The commit certificate of the tip. */
  Optional<QuorumCert> tipProof();

  Optional<ConsensusBlock> block(Bytes32 id);

  Optional<Bytes32> idAt(long height);

  /** A ledger with nothing committed. */
  static LedgerView empty() {
    return new LedgerView() {
      @Override
      public Optional<BlockRef> tip() {
        return Optional.empty();
      }

      @Override
      public Optional<QuorumCert> tipProof() {
        return Optional.empty();
      }

      @Override
      public Optional<ConsensusBlock> block(Bytes32 id) {
        return Optional.empty();
      }

      @Override
      public Optional<Bytes32> idAt(long height) {
        return Optional.empty();
      }
    };
  }
}
