package io.levity.core.tx;

import io.levity.core.crypto.Signature;
import java.util.Objects;
import java.util.OptionalLong;

/** Constructor invariants shared by the transaction records. */
final class TransactionChecks {
  private TransactionChecks() {}

  static void requireParity(Signature signature) {
    Objects.requireNonNull(signature, "signature");
    if (signature.recId() > 1) {
      throw new IllegalArgumentException(
          "a transaction signature's recovery id is 0 or 1, got " + signature.recId());
    }
  }

  static void requireChainId(OptionalLong chainId) {
    Objects.requireNonNull(chainId, "chainId");
    if (chainId.isEmpty())
      throw new IllegalArgumentException("a typed transaction always has a chain id");
    if (chainId.getAsLong() < 0) {
      throw new IllegalArgumentException("chain id must be non-negative: " + chainId.getAsLong());
    }
  }
}
