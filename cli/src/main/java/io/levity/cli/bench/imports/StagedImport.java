package io.levity.cli.bench.imports;

import io.levity.cli.bench.imports.StageTimes.Stage;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.tx.InvalidTransactionException;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionDecoder;
import io.levity.execution.block.BlockBuilder;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.block.BuildObserver;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.TrieWorldState;
import io.levity.execution.tx.TransactionValidator;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.node.runtime.KeptState;
import io.levity.node.runtime.Payload;
import io.levity.node.store.RocksDbBlockStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.function.LongSupplier;

/**
 * Imports a block with the same work as {@code ChainExecutor.executeAndStore}, split into timed
 * stages that call the same public building blocks: decode the payload and its transactions,
 * recover the senders ({@link TransactionValidator}, on one thread or on a pool), execute them
 * ({@link BlockBuilder#buildValidated}), the state root, the receipts/transactions roots and bloom
 * (both inside the build, told apart by a {@link BuildObserver}), and the RocksDB commit.
 * Transactions that do not decode or validate are left out, and the committed state is kept for the
 * next block (same reopening rule), as the executor does.
 */
final class StagedImport implements BuildObserver, AutoCloseable {
  private final RocksDbBlockStore store;
  private final TransactionValidator validator;
  private final BlockBuilder builder;
  private final ForkJoinPool pool;
  private final LongSupplier wall;

  /** As ChainExecutor: the state committed last is where the next block starts. */
  private final KeptState kept;

  private long executedAt;
  private long rootedAt;

  /** {@code threads}: 1 recovers the senders on the calling thread, more on a pool that size. */
  StagedImport(RocksDbBlockStore store, long chainId, int threads, LongSupplier wall) {
    this.store = store;
    this.validator = new TransactionValidator(Fork.LEVITY, chainId);
    this.builder = new BlockBuilder(Fork.LEVITY, chainId, this);
    this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    this.wall = wall;
    this.kept = new KeptState(store);
  }

  @Override
  public void ended(Phase phase) {
    switch (phase) {
      case TRANSACTIONS -> executedAt = wall.getAsLong();
      case STATE_ROOT -> rootedAt = wall.getAsLong();
    }
  }

  /** Imports the next block from its encoded payload, adding each stage's time to {@code times}. */
  BlockBuilder.Built importBlock(Bytes encodedPayload, Bytes32 consensusId, StageTimes times) {
    long t0 = wall.getAsLong();
    Payload payload = Payload.decode(encodedPayload);
    List<Transaction> txs = new ArrayList<>(payload.transactions().size());
    for (Bytes raw : payload.transactions()) {
      try {
        txs.add(TransactionDecoder.decode(raw));
      } catch (RuntimeException e) { // left out, as ChainExecutor leaves it out
      }
    }
    long t1 = wall.getAsLong();
    List<ValidatedTransaction> validated = recover(txs);
    long t2 = wall.getAsLong();
    BlockHeader parent =
        store.head().orElseThrow(() -> new IllegalStateException("the store has no genesis"));
    BlockBuilder.Params params =
        new BlockBuilder.Params(
            payload.coinbase(),
            Math.max(payload.timestamp(), parent.timestamp() + 1),
            consensusId,
            parent.gasLimit(),
            Bytes.EMPTY,
            Bytes32.ZERO);
    TrieWorldState state = kept.start(parent);
    BlockBuilder.Built built =
        builder.buildValidated(
            state, parent, params, validated, n -> store.canonicalHash(n).orElse(Bytes32.ZERO));
    long t3 = wall.getAsLong();
    store.commit(built.block(), built.receipts(), state, batch -> {});
    kept.committed(state, built.block().header().stateRoot(), validated);
    long t4 = wall.getAsLong();
    times.add(Stage.DECODE, t1 - t0);
    times.add(Stage.RECOVER, t2 - t1);
    times.add(Stage.EXECUTE, executedAt - t2);
    times.add(Stage.STATE_ROOT, rootedAt - executedAt);
    times.add(Stage.ROOTS, t3 - rootedAt);
    times.add(Stage.COMMIT, t4 - t3);
    return built;
  }

  /** The senders of the last block imported (ChainExecutor hands them to the mempool). */
  Set<Address> lastSenders() {
    return kept.senders();
  }

  private List<ValidatedTransaction> recover(List<Transaction> txs) {
    if (pool == null) {
      List<ValidatedTransaction> out = new ArrayList<>(txs.size());
      for (Transaction tx : txs) {
        ValidatedTransaction v = validOrNull(tx);
        if (v != null) out.add(v);
      }
      return out;
    }
    return ImportRuns.inPool(
        pool, () -> txs.parallelStream().map(this::validOrNull).filter(Objects::nonNull).toList());
  }

  private ValidatedTransaction validOrNull(Transaction tx) {
    try {
      return validator.validate(tx);
    } catch (InvalidTransactionException e) { // dropped, as the builder drops it
      return null;
    }
  }

  @Override
  public void close() {
    if (pool != null) pool.shutdown();
  }
}
