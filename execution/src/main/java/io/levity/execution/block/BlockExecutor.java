package io.levity.execution.block;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.tx.BlobTransaction;
import io.levity.core.tx.Transaction;
import io.levity.evm.BlockContext;
import io.levity.evm.BlockContext.BlockHashLookup;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.BlobGas;
import io.levity.execution.state.StateTransition;
import io.levity.execution.state.TransactionResult;
import io.levity.execution.state.TransactionResult.Executed;
import io.levity.execution.state.TransactionResult.Rejected;
import java.util.List;
import java.util.Objects;

/**
 * Executes a block's transactions in order on a {@link WorldState} with {@link StateTransition}.
 * Every transaction must apply: one that is rejected makes the block invalid (a builder drops such
 * transactions before proposing, see {@link BlockBuilder}). On an {@link InvalidBlockException} the
 * world holds a partial block: discard it.
 *
 * <p>Not performed: the EIP-4788 beacon-roots system call (Levity has no beacon chain; the header's
 * parent beacon block root is carried as given). Not thread-safe; one instance per thread.
 */
public final class BlockExecutor {
  /** What executing a block produced; the roots are what its header must carry. */
  public record Result(
      List<Receipt> receipts,
      List<Executed> results,
      long gasUsed,
      long blobGasUsed,
      Bytes logsBloom,
      Bytes32 receiptsRoot,
      Bytes32 transactionsRoot,
      Bytes32 stateRoot) {
    public Result {
      receipts = List.copyOf(receipts);
      results = List.copyOf(results);
    }
  }

  private final StateTransition transition;

  public BlockExecutor(Fork fork, long chainId) {
    this.transition = new StateTransition(fork, chainId);
  }

  BlockExecutor(StateTransition transition) {
    this.transition = transition;
  }

  public long chainId() {
    return transition.chainId();
  }

  /** The EVM's view of a block with this header. */
  public static BlockContext context(BlockHeader h, long chainId, BlockHashLookup hashes) {
    return new BlockContext(
        h.coinbase(),
        h.number(),
        h.timestamp(),
        h.gasLimit(),
        h.mixHash(),
        h.baseFeeOrZero(),
        BlobGas.baseFee(h.excessBlobGasOrZero()),
        chainId,
        hashes);
  }

  /**
   * Applies the transactions under this header's block values (coinbase, number, time, gas limit,
   * base fee, PREVRANDAO, excess blob gas) and returns receipts and roots; the header's own
   * commitments are not checked.
   *
   * @throws InvalidBlockException when a transaction is rejected or the block's blob gas exceeds
   *     the limit
   */
  public Result execute(
      WorldState world, BlockHeader header, List<Transaction> transactions, BlockHashLookup hashes)
      throws InvalidBlockException {
    BlockContext ctx = context(header, transition.chainId(), hashes);
    BlockAccumulator acc = new BlockAccumulator(header.gasLimit());
    for (int i = 0; i < transactions.size(); i++) {
      Transaction tx = transactions.get(i);
      if (tx instanceof BlobTransaction blob
          && acc.blobGasUsed + blob.blobGas() > BlobGas.MAX_PER_BLOCK) {
        throw new InvalidBlockException(
            "transaction "
                + i
                + " ("
                + tx.hash()
                + ") takes the block's blob gas past "
                + BlobGas.MAX_PER_BLOCK);
      }
      world.beginTransaction();
      TransactionResult r = transition.apply(world, ctx, tx, acc.gasAvailable(), null);
      switch (r) {
        case Rejected rej ->
            throw new InvalidBlockException(
                "transaction " + i + " (" + tx.hash() + ") is invalid: " + rej);
        case Executed ex -> acc.add(tx, ex);
      }
    }
    return acc.result(world.stateRoot());
  }

  /**
   * Executes an imported block and checks every commitment of its header against the result: gas
   * used, blob gas used, transactions root, receipts root, logs bloom and state root.
   */
  public Result importBlock(WorldState world, Block block, BlockHashLookup hashes)
      throws InvalidBlockException {
    BlockHeader h = block.header();
    Result r = execute(world, h, block.transactions(), hashes);
    check("gas used", h.gasUsed(), r.gasUsed());
    check("blob gas used", h.blobGasUsedOrZero(), r.blobGasUsed());
    check("transactions root", h.transactionsRoot(), r.transactionsRoot());
    check("receipts root", h.receiptsRoot(), r.receiptsRoot());
    check("logs bloom", h.logsBloom(), r.logsBloom());
    check("state root", h.stateRoot(), r.stateRoot());
    return r;
  }

  /**
   * Validates the header against its parent ({@link HeaderValidator}), then executes the block and
   * checks its commitments as {@link #importBlock(WorldState, Block, BlockHashLookup)} does.
   */
  public Result importBlock(
      WorldState world, BlockHeader parent, Block block, BlockHashLookup hashes)
      throws InvalidBlockException {
    HeaderValidator.validate(parent, block.header());
    return importBlock(world, block, hashes);
  }

  private static void check(String what, Object expected, Object actual)
      throws InvalidBlockException {
    if (!Objects.equals(expected, actual)) {
      throw new InvalidBlockException(
          what + " in header " + expected + " differs from the executed " + actual);
    }
  }

  StateTransition transition() {
    return transition;
  }
}
