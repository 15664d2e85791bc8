package io.levity.node.store;

import io.levity.core.bytes.Bytes32;
import io.levity.evm.Log;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.block.Receipt;
import java.util.List;
import java.util.Optional;

/**
 * Reading the stored chain: blocks by hash and number, receipts, and the transaction and log
 * indexes. Thread-safe.
 */
public interface ChainReader {
  /** Where a transaction was included. */
  record TransactionLocation(Bytes32 blockHash, long blockNumber, int index) {}

  /** A log with its position in the chain, as eth_getLogs reports it. */
  record IndexedLog(
      Log log,
      Bytes32 blockHash,
      long blockNumber,
      Bytes32 transactionHash,
      int transactionIndex,
      int logIndex) {}

  /** The stored block with this hash. */
  Optional<Block> block(Bytes32 hash);

  /** The canonical block at this height. */
  Optional<Block> blockByNumber(long number);

  Optional<Bytes32> canonicalHash(long number);

  /**
   * The header of the canonical block at this height, without its transactions where the store
   * keeps headers apart (eth_getLogs checks blooms before it reads any body).
   */
  default Optional<BlockHeader> headerByNumber(long number) {
    return blockByNumber(number).map(Block::header);
  }

  /** The receipts of a stored block, in transaction order. */
  Optional<List<Receipt>> receipts(Bytes32 blockHash);

  Optional<TransactionLocation> transactionLocation(Bytes32 transactionHash);

  /** Every log of a block in order, with its indexes; empty for an unknown block. */
  List<IndexedLog> logs(Bytes32 blockHash);
}
