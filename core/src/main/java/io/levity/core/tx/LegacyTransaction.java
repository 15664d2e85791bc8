package io.levity.core.tx;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Signature;
import io.levity.core.num.UInt256;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A legacy (untyped) transaction, with an EIP-155 chain id folded into v or, as before Spurious
 * Dragon, without one.
 */
public final class LegacyTransaction extends TransactionMemo implements Transaction {
  private final long nonce;
  private final UInt256 gasPrice;
  private final long gasLimit;
  private final Optional<Address> to;
  private final UInt256 value;
  private final Bytes data;
  private final OptionalLong chainId;
  private final Signature signature;

  public LegacyTransaction(
      long nonce,
      UInt256 gasPrice,
      long gasLimit,
      Optional<Address> to,
      UInt256 value,
      Bytes data,
      OptionalLong chainId,
      Signature signature) {
    TransactionChecks.requireFields(chainId, to, value, data, gasPrice, signature);
    this.nonce = nonce;
    this.gasPrice = gasPrice;
    this.gasLimit = gasLimit;
    this.to = to;
    this.value = value;
    this.data = data;
    this.chainId = chainId;
    this.signature = signature;
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
  public OptionalLong chainId() {
    return chainId;
  }

  @Override
  public Signature signature() {
    return signature;
  }

  @Override
  public TransactionType type() {
    return TransactionType.LEGACY;
  }

  /** 27/28 without a chain id, chainId * 2 + 35/36 with one (EIP-155). */
  public BigInteger v() {
    int parity = signature.recId();
    if (chainId.isEmpty()) return BigInteger.valueOf(27 + parity);
    return BigInteger.valueOf(chainId.getAsLong())
        .shiftLeft(1)
        .add(BigInteger.valueOf(35 + parity));
  }

  @Override
  public List<AccessListEntry> accessList() {
    return List.of();
  }

  @Override
  public UInt256 maxFeePerGas() {
    return gasPrice;
  }

  @Override
  public LegacyTransaction withSignature(Signature signature) {
    return new LegacyTransaction(nonce, gasPrice, gasLimit, to, value, data, chainId, signature);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LegacyTransaction o
        && nonce == o.nonce
        && gasPrice.equals(o.gasPrice)
        && gasLimit == o.gasLimit
        && to.equals(o.to)
        && value.equals(o.value)
        && data.equals(o.data)
        && chainId.equals(o.chainId)
        && signature.equals(o.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(nonce, gasPrice, gasLimit, to, value, data, chainId, signature);
  }

  @Override
  public String toString() {
    return "LegacyTransaction[nonce="
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
        + ", chainId="
        + chainId
        + ", signature="
        + signature
        + "]";
  }
}
