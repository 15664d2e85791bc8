package io.levity.execution.block;

import io.levity.core.bytes.Bytes32;
import io.levity.core.tx.Transaction;
import io.levity.execution.state.TransactionResult.Executed;
import java.util.ArrayList;
import java.util.List;

/** The running totals of a block being executed or built: gas, blob gas, receipts. */
final class BlockAccumulator {
  final long gasLimit;
  long gasUsed;
  long blobGasUsed;
  final List<Transaction> transactions = new ArrayList<>();
  final List<Receipt> receipts = new ArrayList<>();
  final List<Executed> results = new ArrayList<>();

  BlockAccumulator(long gasLimit) {
    this.gasLimit = gasLimit;
  }

  long gasAvailable() {
    return gasLimit - gasUsed;
  }

  void add(Transaction tx, Executed r) {
    gasUsed += r.gasUsed();
    blobGasUsed += r.blobGasUsed();
    transactions.add(tx);
    results.add(r);
    receipts.add(Receipt.of(tx.type(), r.status(), gasUsed, r.logs()));
  }

  BlockExecutor.Result result(Bytes32 stateRoot) {
    return new BlockExecutor.Result(
        receipts,
        results,
        gasUsed,
        blobGasUsed,
        BlockRoots.logsBloom(receipts),
        BlockRoots.receiptsRoot(receipts),
        BlockRoots.transactionsRoot(transactions),
        stateRoot);
  }
}
