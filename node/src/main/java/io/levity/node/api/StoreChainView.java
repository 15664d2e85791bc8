package io.levity.node.api;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.state.TrieWorldState;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.node.mempool.Mempool;
import io.levity.node.mempool.MempoolException;
import io.levity.node.store.BlockStore;
import io.levity.node.store.ChainReader;
import io.levity.trie.KeyValueStore;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;

/** {@link ChainView} over the node's block store and mempool; the peer count comes from p2p. */
public final class StoreChainView implements ChainView {
  private final long chainId;
  private final BlockStore store;
  private final Mempool mempool;
  private final IntSupplier peerCount;
  private final SyncGate sync;

  /** The key-value store of the state, found through the head state on first use. */
  private volatile KeyValueStore stateStore;

  public StoreChainView(long chainId, BlockStore store, Mempool mempool, IntSupplier peerCount) {
    this(chainId, store, mempool, peerCount, SyncGate.NEVER_BEHIND);
  }

  /** A view that answers pending nonces and takes transactions only once {@code sync} allows. */
  public StoreChainView(
      long chainId, BlockStore store, Mempool mempool, IntSupplier peerCount, SyncGate sync) {
    this.chainId = chainId;
    this.store = Objects.requireNonNull(store, "store");
    this.mempool = Objects.requireNonNull(mempool, "mempool");
    this.peerCount = Objects.requireNonNull(peerCount, "peerCount");
    this.sync = Objects.requireNonNull(sync, "sync");
  }

  @Override
  public long chainId() {
    return chainId;
  }

  @Override
  public BlockHeader head() {
    return store
        .head()
        .orElseThrow(() -> new IllegalStateException("the block store has no genesis block yet"));
  }

  @Override
  public ChainReader blocks() {
    return store;
  }

  @Override
  public TrieWorldState stateAt(BlockHeader header) {
    KeyValueStore kv = stateStore;
    if (kv == null) {
      kv = store.headState().store();
      stateStore = kv;
    }
    return TrieWorldState.open(kv, header.stateRoot());
  }

  @Override
  public Optional<ValidatedTransaction> pendingTransaction(Bytes32 hash) {
    return mempool.get(hash).map(Mempool.Entry::tx);
  }

  @Override
  public long pendingNonce(Address sender) {
    return mempool.pendingNonce(sender);
  }

  @Override
  public long awaitCaughtUp() {
    return sync.awaitCaughtUp();
  }

  @Override
  public void submit(ValidatedTransaction tx, int encodedSize) throws MempoolException {
    mempool.add(tx, encodedSize);
  }

  @Override
  public int peerCount() {
    return peerCount.getAsInt();
  }
}
