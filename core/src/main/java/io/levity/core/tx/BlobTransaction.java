package io.levity.core.tx;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Signature;
import io.levity.core.num.UInt256;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An EIP-4844 blob transaction (type 0x03) in its consensus form: the versioned hashes of its
 * blobs, not the blobs themselves. It always has a recipient.
 */
public final class BlobTransaction extends TransactionMemo implements Transaction {
  private final OptionalLong chainId;
  private final long nonce;
  private final UInt256 maxPriorityFeePerGas;
  private final UInt256 maxFeePerGas;
  private final long gasLimit;
  private final Optional<Address> to;
  private final UInt256 value;
  private final Bytes data;
  private final List<AccessListEntry> accessList;
  private final UInt256 maxFeePerBlobGas;
  private final List<Bytes32> blobVersionedHashes;
  private final Signature signature;

  public BlobTransaction(
      OptionalLong chainId,
      long nonce,
      UInt256 maxPriorityFeePerGas,
      UInt256 maxFeePerGas,
      long gasLimit,
      Optional<Address> to,
      UInt256 value,
      Bytes data,
      List<AccessListEntry> accessList,
      UInt256 maxFeePerBlobGas,
      List<Bytes32> blobVersionedHashes,
      Signature signature) {
    TransactionChecks.requireFields(chainId, to, value, data, maxFeePerGas, signature);
    TransactionChecks.requireChainId(chainId);
    if (to.isEmpty())
      throw new IllegalArgumentException("a blob transaction must have a recipient");
    Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
    Objects.requireNonNull(maxFeePerBlobGas, "maxFeePerBlobGas");
    accessList = List.copyOf(accessList);
    blobVersionedHashes = List.copyOf(blobVersionedHashes);
    this.chainId = chainId;
    this.nonce = nonce;
    this.maxPriorityFeePerGas = maxPriorityFeePerGas;
    this.maxFeePerGas = maxFeePerGas;
    this.gasLimit = gasLimit;
    this.to = to;
    this.value = value;
    this.data = data;
    this.accessList = accessList;
    this.maxFeePerBlobGas = maxFeePerBlobGas;
    this.blobVersionedHashes = blobVersionedHashes;
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

  public UInt256 maxFeePerBlobGas() {
    return maxFeePerBlobGas;
  }

  public List<Bytes32> blobVersionedHashes() {
    return blobVersionedHashes;
  }

  @Override
  public Signature signature() {
    return signature;
  }

  /** Blob gas per blob (2^17). */
  public static final long GAS_PER_BLOB = 1L << 17;

  @Override
  public TransactionType type() {
    return TransactionType.BLOB;
  }

  /** Blob gas this transaction consumes: GAS_PER_BLOB per versioned hash. */
  public long blobGas() {
    return GAS_PER_BLOB * blobVersionedHashes.size();
  }

  @Override
  public BlobTransaction withSignature(Signature signature) {
    return new BlobTransaction(
        chainId,
        nonce,
        maxPriorityFeePerGas,
        maxFeePerGas,
        gasLimit,
        to,
        value,
        data,
        accessList,
        maxFeePerBlobGas,
        blobVersionedHashes,
        signature);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BlobTransaction o
        && chainId.equals(o.chainId)
        && nonce == o.nonce
        && maxPriorityFeePerGas.equals(o.maxPriorityFeePerGas)
        && maxFeePerGas.equals(o.maxFeePerGas)
        && gasLimit == o.gasLimit
        && to.equals(o.to)
        && value.equals(o.value)
        && data.equals(o.data)
        && accessList.equals(o.accessList)
        && maxFeePerBlobGas.equals(o.maxFeePerBlobGas)
        && blobVersionedHashes.equals(o.blobVersionedHashes)
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
        maxFeePerBlobGas,
        blobVersionedHashes,
        signature);
  }

  @Override
  public String toString() {
    return "BlobTransaction[chainId="
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
        + ", maxFeePerBlobGas="
        + maxFeePerBlobGas
        + ", blobVersionedHashes="
        + blobVersionedHashes
        + ", signature="
        + signature
        + "]";
  }
}
