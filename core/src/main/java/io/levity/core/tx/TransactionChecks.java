package io.levity.core.tx;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Signature;
import io.levity.core.num.UInt256;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** Constructor invariants shared by the transaction records. */
final class TransactionChecks {
  private TransactionChecks() {}

  /**
   * What every envelope needs: a recipient (empty for a creation), a value, data, a fee (the gas
   * price or the fee cap) and a signature whose recovery id is 0 or 1; a chain id, when there is
   * one, is not negative.
   */
  static void requireFields(
      OptionalLong chainId,
      Optional<Address> to,
      UInt256 value,
      Bytes data,
      UInt256 fee,
      Signature signature) {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(fee, "fee");
    if (Objects.requireNonNull(signature, "signature").recId() > 1) {
      throw new IllegalArgumentException(
          "a transaction signature's recovery id is 0 or 1, got " + signature.recId());
    }
    if (Objects.requireNonNull(chainId, "chainId").isPresent() && chainId.getAsLong() < 0) {
      throw new IllegalArgumentException("chain id must be non-negative: " + chainId.getAsLong());
    }
  }

  /** A typed envelope (EIP-2718) always has a chain id. */
  static void requireChainId(OptionalLong chainId) {
    if (chainId.isEmpty())
      throw new IllegalArgumentException("a typed transaction always has a chain id");
  }
}
