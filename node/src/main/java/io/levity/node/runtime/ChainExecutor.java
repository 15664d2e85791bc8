package io.levity.node.runtime;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.execution.block.BlockBuilder;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockExecutor;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.block.InvalidBlockException;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.TrieWorldState;
import io.levity.execution.tx.Transaction;
import io.levity.execution.tx.TransactionDecoder;
import io.levity.node.store.BlockStore;
import io.levity.node.store.RocksDbBlockStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a committed consensus payload into the next execution block, deterministically: every input is either in
 * the payload or in the node's own stored chain, so all honest nodes build the same block and state root. Rules:
 * parent = stored head; number = head + 1; timestamp = max(payload timestamp, parent timestamp + 1); PREVRANDAO =
 * the consensus block id; coinbase zero; gas limit = the parent's. Transactions that do not decode or do not apply
 * are left out (BlockBuilder's rule), never failing the block.
 */
public final class ChainExecutor {
  private final RocksDbBlockStore store;
  private final BlockBuilder builder;
  private final BlockExecutor importer;

  public ChainExecutor(RocksDbBlockStore store, long chainId) {
    this.store = store;
    this.builder = new BlockBuilder(Fork.CANCUN, chainId);
    this.importer = new BlockExecutor(Fork.CANCUN, chainId);
  }

  /**
   * Copies the blocks another store has above this store's head, re-executing and checking each (header rules,
   * roots); returns how many were imported. Used to bring a lagging validator level before a restart.
   */
  public int catchUpFrom(BlockStore other) throws InvalidBlockException {
    int imported = 0;
    while (true) {
      BlockHeader parent = store.head().orElseThrow();
      Optional<Block> next = other.blockByNumber(parent.number() + 1);
      if (next.isEmpty()) return imported;
      Block b = next.get();
      TrieWorldState state = store.headState();
      BlockExecutor.Result r = importer.importBlock(state, parent, b, n -> store.canonicalHash(n).orElse(Bytes32.ZERO));
      store.commit(b, r.receipts(), state);
      imported++;
    }
  }

  /** Executes the payload on the head and commits the result atomically; returns the stored block. */
  public BlockBuilder.Built executeAndStore(Payload payload, Bytes32 consensusBlockId) {
    BlockHeader parent = store.head().orElseThrow(() -> new IllegalStateException("the store has no genesis"));
    List<Transaction> txs = new ArrayList<>(payload.transactions().size());
    for (Bytes raw : payload.transactions()) {
      try {
        txs.add(TransactionDecoder.decode(raw));
      } catch (RuntimeException e) { // an undecodable transaction is skipped by every node alike
      }
    }
    long ts = Math.max(payload.timestamp(), parent.timestamp() + 1);
    BlockBuilder.Params params = new BlockBuilder.Params(Address.ZERO, ts, consensusBlockId, parent.gasLimit(),
        Bytes.EMPTY, Bytes32.ZERO);
    TrieWorldState state = store.headState();
    BlockBuilder.Built built = builder.build(state, parent, params, txs, n -> store.canonicalHash(n).orElse(Bytes32.ZERO));
    store.commit(built.block(), built.receipts(), state);
    return built;
  }
}
