package io.levity.node.runtime;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.state.TrieWorldState;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.node.store.RocksDbBlockStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The world state a block importer keeps from one block to the next: the state it committed last is
 * where the next block starts when it is still the head's, so accounts and trie nodes stay decoded
 * instead of being read and decoded again from the store every block. Reopened from the store every
 * {@link #REOPEN_AFTER_BLOCKS} blocks or once it holds {@link #REOPEN_AFTER_ACCOUNTS} accounts, so
 * memory stays bounded. Also remembers the last block's senders (the accounts the mempool asks
 * about next). One importer thread only.
 */
public final class KeptState {
  /** A kept state is reopened from the store after this many blocks. */
  public static final int REOPEN_AFTER_BLOCKS = 64;

  /** ... or once it holds this many accounts. */
  public static final int REOPEN_AFTER_ACCOUNTS = 100_000;

  private final RocksDbBlockStore store;
  private TrieWorldState live;
  private Bytes32 liveRoot;
  private int liveBlocks;
  private Set<Address> senders = Set.of();

  public KeptState(RocksDbBlockStore store) {
    this.store = store;
  }

  /**
   * The world the block above {@code parent} starts from; until {@link #committed}, nothing is kept
   * (a half-applied state is never reused, whatever happens while the block runs).
   */
  public TrieWorldState start(BlockHeader parent) {
    TrieWorldState s = live;
    live = null;
    if (s != null
        && parent.stateRoot().equals(liveRoot)
        && liveBlocks < REOPEN_AFTER_BLOCKS
        && s.loadedAccounts() < REOPEN_AFTER_ACCOUNTS) {
      return s;
    }
    liveBlocks = 0;
    return store.headState();
  }

  /** After the block is stored: keeps its state (now at {@code root}) and its senders. */
  public void committed(TrieWorldState state, Bytes32 root, List<ValidatedTransaction> txs) {
    live = state;
    liveRoot = root;
    liveBlocks++;
    senders = new LinkedHashSet<>();
    for (ValidatedTransaction v : txs) senders.add(v.sender());
  }

  /** The last block's senders. */
  public Set<Address> senders() {
    return senders;
  }

  /** The kept state if it is at {@code root}, else null. */
  TrieWorldState at(Bytes32 root) {
    return live != null && root.equals(liveRoot) ? live : null;
  }
}
