package io.levity.node.store;

import io.levity.execution.block.Block;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.block.Genesis;
import io.levity.execution.block.Receipt;
import io.levity.execution.state.TrieWorldState;
import java.util.List;
import java.util.Optional;

/**
 * The node's chain: committed blocks, their receipts and indexes, the canonical chain by number and
 * the head, in the same key-value store as the world state. {@link #commit} writes a block with
 * everything that goes with it (state trie nodes included) in one atomic batch, so after a crash
 * the store holds either the old head or the new one, never a mix. Levity's BFT finality means the
 * canonical chain only grows: each committed block extends the head. Reads are thread-safe; commits
 * are serialized.
 */
public interface BlockStore extends ChainReader, AutoCloseable {
  /** The latest committed block's header; empty for a store without genesis. */
  Optional<BlockHeader> head();

  /**
   * Writes block 0 and the genesis state when the store is empty and returns the state at the head;
   * when the store has a chain, checks that its block 0 is this genesis and returns the state at
   * the stored head.
   *
   * @throws IllegalStateException when the store holds another chain
   */
  TrieWorldState initialize(Genesis genesis);

  /** The world state at the head, for executing the next block. */
  TrieWorldState headState();

  /**
   * Commits a block that extends the head: its state (the trie nodes and code staged by {@code
   * state}), the block, its receipts, the canonical index, the transaction index and the new head,
   * in one atomic write. If this throws, nothing was written: discard {@code state} and continue
   * from {@link #headState()}.
   *
   * @throws IllegalArgumentException when the block does not extend the head, its receipts do not
   *     match its transactions, or state's root differs from the header's state root (nothing is
   *     written)
   */
  void commit(Block block, List<Receipt> receipts, TrieWorldState state);

  @Override
  void close();
}
