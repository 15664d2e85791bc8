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
public final class DynamicFeeTransaction extends TransactionMemo implements Transaction {
  private final OptionalLong chainId;
  private final long nonce;
  private final UInt256 maxPriorityFeePerGas;
  private final UInt256 maxFeePerGas;
  private final long gasLimit;
  private final Optional<Address> to;
  private final UInt256 value;
  private final Bytes data;
  private final List<AccessListEntry> accessList;
  private final Signature signature;

  public DynamicFeeTransaction(
      OptionalLong chainId,
      long nonce,
      UInt256 maxPriorityFeePerGas,
      UInt256 maxFeePerGas,
      long gasLimit,
      Optional<Address> to,
      UInt256 value,
      Bytes data,
      List<AccessListEntry> accessList,
      Signature signature) {
    TransactionChecks.requireFields(chainId, to, value, data, maxFeePerGas, signature);
    TransactionChecks.requireChainId(chainId);
    Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
    accessList = List.copyOf(accessList);
    this.chainId = chainId;
    this.nonce = nonce;
    this.maxPriorityFeePerGas = maxPriorityFeePerGas;
    this.maxFeePerGas = maxFeePerGas;
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

  @Override
  public UInt256 maxPriorityFeePerGas() {
    return maxPriorityFeePerGas;
  }

  @Override
  public UInt256 maxFeePerGas() {
    return maxFeePerGas;
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

  @Override
  public boolean equals(Object other) {
    return other instanceof DynamicFeeTransaction o
        && chainId.equals(o.chainId)
        && nonce == o.nonce
        && maxPriorityFeePerGas.equals(o.maxPriorityFeePerGas)
        && maxFeePerGas.equals(o.maxFeePerGas)
        && gasLimit == o.gasLimit
        && to.equals(o.to)
        && value.equals(o.value)
        && data.equals(o.data)
        && accessList.equals(o.accessList)
        && signature.equals(o.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
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

  @Override
  public String toString() {
    return "DynamicFeeTransaction[chainId="
        + chainId
        + ", nonce="
        + nonce
        + ", maxPriorityFeePerGas="
        + maxPriorityFeePerGas
        + ", maxFeePerGas="
        + maxFeePerGas
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
