package io.levity.node.runtime;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionDecoder;
import io.levity.execution.block.BlockBuilder;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.TrieWorldState;
import io.levity.node.store.RocksDbBlockStore;
import io.levity.trie.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
  private final BlockBuilder builder;

  public ChainExecutor(RocksDbBlockStore store, long chainId) {
    this.store = store;
    this.builder = new BlockBuilder(Fork.LEVITY, chainId);
  }

  /**
   * Executes the payload on the head and commits the result atomically, with {@code extra}'s
   * entries (the consensus ledger's) in the same batch; returns the stored block.
   */
  public BlockBuilder.Built executeAndStore(
      Payload payload, Bytes32 consensusBlockId, Consumer<KeyValueStore.WriteBatch> extra) {
    BlockHeader parent =
        store.head().orElseThrow(() -> new IllegalStateException("the store has no genesis"));
    List<Transaction> txs = new ArrayList<>(payload.transactions().size());
    for (Bytes raw : payload.transactions()) {
      try {
        txs.add(TransactionDecoder.decode(raw));
      } catch (RuntimeException e) { // an undecodable transaction is skipped by every node alike
      }
    }
    long ts = Math.max(payload.timestamp(), parent.timestamp() + 1);
    BlockBuilder.Params params =
        new BlockBuilder.Params(
            payload.coinbase(), ts, consensusBlockId, parent.gasLimit(), Bytes.EMPTY, Bytes32.ZERO);
    TrieWorldState state = store.headState();
    BlockBuilder.Built built =
        builder.build(state, parent, params, txs, n -> store.canonicalHash(n).orElse(Bytes32.ZERO));
    store.commit(built.block(), built.receipts(), state, extra);
    return built;
  }
}
