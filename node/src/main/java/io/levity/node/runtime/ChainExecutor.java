package io.levity.node.runtime;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.execution.block.BlockBuilder;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.TrieWorldState;
import io.levity.execution.tx.TransactionValidator;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.execution.tx.ValidationCache;
import io.levity.node.store.RocksDbBlockStore;
import io.levity.trie.KeyValueStore;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Turns a committed consensus payload into the next execution block, deterministically: every input
 * is either in the payload or in the node's own stored chain, so all honest nodes build the same
 * block and state root. Rules: parent = stored head; number = head + 1; timestamp = max(payload
 * timestamp, parent timestamp + 1); PREVRANDAO = the consensus block id; coinbase = the payload's
 * (the proposer's fee recipient); gas limit = the parent's. Transactions that do not decode or do
 * not apply are left out (BlockBuilder's rule), never failing the block.
 */
public final class ChainExecutor {
  private final RocksDbBlockStore store;

  /** Payloads at least this long are validated on all cores. */
  private static final int PARALLEL_FROM = 64;

  private final BlockBuilder builder;

  /** The state after the last block this executor stored; consensus thread only. */
  private final KeptState kept;

  private final TransactionValidator validator;
  private final ValidationCache cache;

  public ChainExecutor(RocksDbBlockStore store, long chainId) {
    this(store, chainId, ValidationCache.shared());
  }

  /**
   * {@code cache}: stateless validation results to reuse (the mempool's, in a running node; a fresh
   * one measures the import on its own).
   */
  public ChainExecutor(RocksDbBlockStore store, long chainId, ValidationCache cache) {
    this.store = store;
    this.builder = new BlockBuilder(Fork.LEVITY, chainId);
    this.validator = new TransactionValidator(Fork.LEVITY, chainId);
    this.cache = cache;
    this.kept = new KeptState(store);
  }

  /**
   * Decodes each transaction and checks it without state (signature recovery included), on all
   * cores for a large payload, keeping the payload's order. One that does not decode or fails a
   * check is left out by every node alike, as the block builder would drop it.
   */
  private List<ValidatedTransaction> validateAll(List<Bytes> raws) {
    Stream<Bytes> s = raws.size() >= PARALLEL_FROM ? raws.parallelStream() : raws.stream();
    return s.map(this::validateOrNull).filter(Objects::nonNull).toList();
  }

  private ValidatedTransaction validateOrNull(Bytes raw) {
    try {
      return validator.decodeAndValidate(raw.toArray(), cache);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Executes the payload on the head and commits the result atomically, with {@code extra}'s
   * entries (the consensus ledger's) in the same batch; returns the stored block.
   */
  public BlockBuilder.Built executeAndStore(
      Payload payload, Bytes32 consensusBlockId, Consumer<KeyValueStore.WriteBatch> extra) {
    BlockHeader parent =
        store.head().orElseThrow(() -> new IllegalStateException("the store has no genesis"));
    List<ValidatedTransaction> txs = validateAll(payload.transactions());
    long ts = Math.max(payload.timestamp(), parent.timestamp() + 1);
    BlockBuilder.Params params =
        new BlockBuilder.Params(
            payload.coinbase(), ts, consensusBlockId, parent.gasLimit(), Bytes.EMPTY, Bytes32.ZERO);
    TrieWorldState state = kept.start(parent);
    BlockBuilder.Built built =
        builder.buildValidated(
            state, parent, params, txs, n -> store.canonicalHash(n).orElse(Bytes32.ZERO));
    store.commit(built.block(), built.receipts(), state, extra);
    kept.committed(state, built.block().header().stateRoot(), txs);
    return built;
  }

  /**
   * The mempool's view of the new head: the last block's senders filled in from the state just
   * committed (they are the accounts it asks about first), others read from the trie on demand.
   */
  HeadAccounts headAccounts() {
    BlockHeader head = store.head().orElseThrow();
    HeadAccounts view = new HeadAccounts(store.keyValueStore(), head.stateRoot());
    TrieWorldState live = kept.at(head.stateRoot());
    if (live != null) {
      for (Address a : kept.senders()) view.prefill(a, live.nonce(a), live.balance(a));
    }
    return view;
  }
}
