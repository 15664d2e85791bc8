package io.levity.node.api;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.state.TrieWorldState;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.node.mempool.MempoolException;
import io.levity.node.store.ChainReader;
import java.util.Optional;

/**
 * What the eth_* methods read from the node and the one thing they write (a transaction into the
 * mempool).
 */
public interface ChainView {
  long chainId();

  /** The latest committed block; with BFT finality it is also the safe and finalized block. */
  BlockHeader head();

  /** The stored blocks, receipts and indexes. */
  ChainReader blocks();

  /**
   * A fresh, private world state at this block's state root. Callers may change it freely
   * (eth_call): nothing is written unless they commit it, and they never do.
   */
  TrieWorldState stateAt(BlockHeader header);

  /**
   * A fresh, private world state that block {@code header} was executed on: its parent's state
   * (traces replay from it). A dev chain whose state was edited before the block was sealed answers
   * the edited state.
   */
  default TrieWorldState stateBefore(BlockHeader header, BlockHeader parent) {
    return stateAt(parent);
  }

  /** A transaction waiting in the mempool. */
  Optional<ValidatedTransaction> pendingTransaction(Bytes32 hash);

  /** The next nonce of the sender counting its waiting transactions. */
  long pendingNonce(Address sender);

  /**
   * Waits briefly while the node knows it is behind its peers; returns the blocks it still is
   * behind (see {@link SyncGate}).
   */
  default long awaitCaughtUp() {
    return 0;
  }

  /** Adds a transaction to the mempool. */
  void submit(ValidatedTransaction tx, int encodedSize) throws MempoolException;

  /** Connected p2p peers. */
  int peerCount();
}
