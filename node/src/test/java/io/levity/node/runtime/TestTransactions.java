package io.levity.node.runtime;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;
import io.levity.core.tx.DynamicFeeTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import io.levity.node.mempool.AccountReader;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** Transactions the runtime tests build, and the accounts they come from. */
final class TestTransactions {
  private TestTransactions() {}

  /** Accounts that have sent nothing yet (nonce 0), with the balances {@code balance} gives. */
  static AccountReader freshAccounts(Function<Address, UInt256> balance) {
    return new AccountReader() {
      @Override
      public long nonce(Address a) {
        return 0;
      }

      @Override
      public UInt256 balance(Address a) {
        return balance.apply(a);
      }
    };
  }

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
