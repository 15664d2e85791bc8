package io.levity.core.tx;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Signature;
import io.levity.core.num.UInt256;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** An EIP-1559 transaction (type 0x02): a fee cap and a priority fee instead of a gas price. */
public record DynamicFeeTransaction(
    OptionalLong chainId,
    long nonce,
    UInt256 maxPriorityFeePerGas,
    UInt256 maxFeePerGas,
    long gasLimit,
    Optional<Address> to,
    UInt256 value,
    Bytes data,
    List<AccessListEntry> accessList,
    Signature signature)
    implements Transaction {

  public DynamicFeeTransaction {
    TransactionChecks.requireFields(chainId, to, value, data, maxFeePerGas, signature);
    TransactionChecks.requireChainId(chainId);
    Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
    accessList = List.copyOf(accessList);
  }

  @Override
  public TransactionType type() {
    return TransactionType.DYNAMIC_FEE;
  }

  @Override
  public DynamicFeeTransaction withSignature(Signature signature) {
    return new DynamicFeeTransaction(
        chainId,
        nonce,
        maxPriorityFeePerGas,
        maxFeePerGas,
        gasLimit,
        to,
        value,
        data,
        accessList,
        signature);
  }
}
