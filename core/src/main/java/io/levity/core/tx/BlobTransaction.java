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
public record BlobTransaction(
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
    Signature signature)
    implements Transaction {

  /** Blob gas per blob (2^17). */
  public static final long GAS_PER_BLOB = 1L << 17;

  public BlobTransaction {
    TransactionChecks.requireFields(chainId, to, value, data, maxFeePerGas, signature);
    TransactionChecks.requireChainId(chainId);
    if (to.isEmpty())
      throw new IllegalArgumentException("a blob transaction must have a recipient");
    Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
    Objects.requireNonNull(maxFeePerBlobGas, "maxFeePerBlobGas");
    accessList = List.copyOf(accessList);
    blobVersionedHashes = List.copyOf(blobVersionedHashes);
  }

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
}
