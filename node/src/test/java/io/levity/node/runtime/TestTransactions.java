package io.levity.node.runtime;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;
import io.levity.core.tx.DynamicFeeTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Transactions the runtime tests build. */
final class TestTransactions {
  private TestTransactions() {}

  /**
   * A signed devnet transaction to {@code to} carrying {@code calldata} zero bytes (4 gas each) and
   * exactly the gas it needs, tipping 1 gwei under the fee cap {@code maxFee}: large in bytes,
   * cheap in gas.
   */
  static Transaction withCalldata(
      TransactionSigner from, long nonce, Address to, int calldata, UInt256 maxFee) {
    return from.sign(
        new DynamicFeeTransaction(
            OptionalLong.of(Devnet.CHAIN_ID),
            nonce,
            UInt256.valueOf(1_000_000_000L),
            maxFee,
            21_000 + 4L * calldata,
            Optional.of(to),
            UInt256.ZERO,
            Bytes.wrap(new byte[calldata]),
            List.of(),
            Transaction.UNSIGNED));
  }
}
