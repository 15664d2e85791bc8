package io.levity.core.tx;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Signature;
import io.levity.core.num.UInt256;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** An EIP-2930 transaction (type 0x01): a gas price and an access list. */
public record AccessListTransaction(
    OptionalLong chainId,
    long nonce,
    UInt256 gasPrice,
    long gasLimit,
    Optional<Address> to,
    UInt256 value,
    Bytes data,
    List<AccessListEntry> accessList,
    Signature signature)
    implements Transaction {

  public AccessListTransaction {
    TransactionChecks.requireFields(chainId, to, value, data, gasPrice, signature);
    TransactionChecks.requireChainId(chainId);
    accessList = List.copyOf(accessList);
  }

  @Override
  public TransactionType type() {
    return TransactionType.ACCESS_LIST;
  }

  @Override
  public UInt256 maxFeePerGas() {
    return gasPrice;
  }

  @Override
  public AccessListTransaction withSignature(Signature signature) {
    return new AccessListTransaction(
        chainId, nonce, gasPrice, gasLimit, to, value, data, accessList, signature);
  }
}
