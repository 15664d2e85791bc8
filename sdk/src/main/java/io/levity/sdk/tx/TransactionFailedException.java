package io.levity.sdk.tx;

import io.levity.sdk.rpc.TxReceipt;

/** A transaction was mined but failed (receipt status 0): it reverted or ran out of gas. */
public final class TransactionFailedException extends RuntimeException {
  private final transient TxReceipt receipt;

  public TransactionFailedException(TxReceipt receipt, long gasLimit) {
    super(
        "transaction "
            + receipt.transactionHash()
            + " failed on chain (status 0) in block "
            + receipt.blockNumber()
            + ", gas used "
            + receipt.gasUsed()
            + " of "
            + gasLimit);
    this.receipt = receipt;
  }

  public TxReceipt receipt() {
    return receipt;
  }
}
