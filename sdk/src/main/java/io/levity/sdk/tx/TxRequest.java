package io.levity.sdk.tx;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.lang.Require;
import io.levity.core.num.UInt256;
import io.levity.core.tx.DynamicFeeTransaction;
import io.levity.core.tx.LegacyTransaction;
import io.levity.core.tx.Transaction;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a transaction should do, with whatever the caller wants to fix; a {@link Wallet} fills in
 * the rest from the node (nonce, gas limit, fees). EIP-1559 unless {@link #legacy()}.
 *
 * @param to the recipient, or empty to create a contract
 * @param gasLimit empty: the node's estimate plus the wallet's margin
 * @param fees empty: {@link Fees#forBaseFee} of the latest base fee and the node's suggested tip
 *     (legacy: the node's gas price)
 * @param nonce empty: the wallet's {@link NonceManager} hands one out
 */
public record TxRequest(
    Optional<Address> to,
    UInt256 value,
    Bytes data,
    OptionalLong gasLimit,
    Optional<Fees> fees,
    OptionalLong nonce,
    boolean isLegacy) {
  public TxRequest {
    Require.nonNull(
        "to", to, "value", value, "data", data, "gasLimit", gasLimit, "fees", fees, "nonce", nonce);
  }

  /** A call of contract {@code to} with {@code data}. */
  public static TxRequest call(Address to, Bytes data) {
    return new TxRequest(
        Optional.of(to),
        UInt256.ZERO,
        data,
        OptionalLong.empty(),
        Optional.empty(),
        OptionalLong.empty(),
        false);
  }

  /** A plain value transfer (of ETH; gas is estimated unless set). */
  public static TxRequest transfer(Address to, UInt256 value) {
    return call(to, Bytes.EMPTY).withValue(value);
  }

  /** The creation of a contract from {@code initcode}. */
  public static TxRequest deploy(Bytes initcode) {
    return new TxRequest(
        Optional.empty(),
        UInt256.ZERO,
        initcode,
        OptionalLong.empty(),
        Optional.empty(),
        OptionalLong.empty(),
        false);
  }

  public TxRequest withValue(UInt256 v) {
    return new TxRequest(to, v, data, gasLimit, fees, nonce, isLegacy);
  }

  public TxRequest withGasLimit(long gas) {
    if (gas <= 0) throw new IllegalArgumentException("gas limit must be positive, got " + gas);
    return new TxRequest(to, value, data, OptionalLong.of(gas), fees, nonce, isLegacy);
  }

  public TxRequest withFees(Fees f) {
    return new TxRequest(to, value, data, gasLimit, Optional.of(f), nonce, isLegacy);
  }

  /** With this nonce instead of one from the wallet's nonce manager. */
  public TxRequest withNonce(long n) {
    if (n < 0) throw new IllegalArgumentException("negative nonce " + n);
    return new TxRequest(to, value, data, gasLimit, fees, OptionalLong.of(n), isLegacy);
  }

  /** As a legacy (EIP-155) transaction with a gas price. */
  public TxRequest legacy() {
    return new TxRequest(to, value, data, gasLimit, fees, nonce, true);
  }

  /** The unsigned transaction once every field is known. */
  public Transaction draft(long chainId, long nonce, long gas, Fees f) {
    if (isLegacy) {
      return new LegacyTransaction(
          nonce,
          f.maxFeePerGas(),
          gas,
          to,
          value,
          data,
          OptionalLong.of(chainId),
          Transaction.UNSIGNED);
    }
    return new DynamicFeeTransaction(
        OptionalLong.of(chainId),
        nonce,
        f.maxPriorityFeePerGas(),
        f.maxFeePerGas(),
        gas,
        to,
        value,
        data,
        List.of(),
        Transaction.UNSIGNED);
  }
}
