package io.levity.core.tx;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Signature;
import io.levity.core.num.UInt256;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** An EIP-2930 transaction (type 0x01): a gas price and an access list. */
public final class AccessListTransaction extends TransactionMemo implements Transaction {
  private final OptionalLong chainId;
  private final long nonce;
  private final UInt256 gasPrice;
  private final long gasLimit;
  private final Optional<Address> to;
  private final UInt256 value;
  private final Bytes data;
  private final List<AccessListEntry> accessList;
  private final Signature signature;

  public AccessListTransaction(
      OptionalLong chainId,
      long nonce,
      UInt256 gasPrice,
      long gasLimit,
      Optional<Address> to,
      UInt256 value,
      Bytes data,
      List<AccessListEntry> accessList,
      Signature signature) {
    TransactionChecks.requireFields(chainId, to, value, data, gasPrice, signature);
    TransactionChecks.requireChainId(chainId);
    accessList = List.copyOf(accessList);
    this.chainId = chainId;
    this.nonce = nonce;
    this.gasPrice = gasPrice;
    this.gasLimit = gasLimit;
    this.to = to;
    this.value = value;
    this.data = data;
    this.accessList = accessList;
    this.signature = signature;
  }

  @Override
  public OptionalLong chainId() {
    return chainId;
  }

  @Override
  public long nonce() {
    return nonce;
  }

  public UInt256 gasPrice() {
    return gasPrice;
  }

  @Override
  public long gasLimit() {
    return gasLimit;
  }

  @Override
  public Optional<Address> to() {
    return to;
  }

  @Override
  public UInt256 value() {
    return value;
  }

  @Override
  public Bytes data() {
    return data;
  }

  @Override
  public List<AccessListEntry> accessList() {
    return accessList;
  }

  @Override
  public Signature signature() {
    return signature;
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

  @Override
  public boolean equals(Object other) {
    return other instanceof AccessListTransaction o
        && chainId.equals(o.chainId)
        && nonce == o.nonce
        && gasPrice.equals(o.gasPrice)
        && gasLimit == o.gasLimit
        && to.equals(o.to)
        && value.equals(o.value)
        && data.equals(o.data)
        && accessList.equals(o.accessList)
        && signature.equals(o.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(chainId, nonce, gasPrice, gasLimit, to, value, data, accessList, signature);
  }

  @Override
  public String toString() {
    return "AccessListTransaction[chainId="
        + chainId
        + ", nonce="
        + nonce
        + ", gasPrice="
        + gasPrice
        + ", gasLimit="
        + gasLimit
        + ", to="
        + to
        + ", value="
        + value
        + ", data="
        + data
        + ", accessList="
        + accessList
        + ", signature="
        + signature
        + "]";
  }
}
