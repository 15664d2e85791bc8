package io.levity.execution.tx;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.tx.Transaction;
import java.util.Objects;

/**
 * A transaction that passed the stateless checks for a fork and chain, with its recovered sender.
 */
public record ValidatedTransaction(
    Transaction transaction, Address sender, long intrinsicGas, Bytes32 hash) {
  public ValidatedTransaction {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(hash, "hash");
  }

  /**
   * Computes the hash once (a transaction's hash re-encodes it), since pools and blocks ask for it
   * often.
   */
  public ValidatedTransaction(Transaction transaction, Address sender, long intrinsicGas) {
    this(transaction, sender, intrinsicGas, transaction.hash());
  }
}
