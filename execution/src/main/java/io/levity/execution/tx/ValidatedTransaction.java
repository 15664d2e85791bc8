package io.levity.execution.tx;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import java.util.Objects;

/** A transaction that passed the stateless checks for a fork and chain, with its recovered sender. */
public record ValidatedTransaction(Transaction transaction, Address sender, long intrinsicGas) {
  public ValidatedTransaction {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(sender, "sender");
  }

  public Bytes32 hash() {
    return transaction.hash();
  }
}
