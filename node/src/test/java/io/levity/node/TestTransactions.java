package io.levity.node;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;
import io.levity.core.tx.DynamicFeeTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Signed transactions for the node's tests. */
public final class TestTransactions {
  /** One gwei. */
  public static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);

  private TestTransactions() {}

  /**
   * A dynamic-fee transaction (tip 1 gwei, fee cap 3 gwei, no value) to {@code to}, or creating a
   * contract when it is empty.
   */
  public static Transaction call(
      TransactionSigner from,
      long chainId,
      long nonce,
      Optional<Address> to,
      Bytes data,
      long gas) {
    return from.sign(
        new DynamicFeeTransaction(
            OptionalLong.of(chainId),
            nonce,
            GWEI,
            GWEI.multiply(3),
            gas,
            to,
            UInt256.ZERO,
            data,
            List.of(),
            Transaction.UNSIGNED));
  }
}
