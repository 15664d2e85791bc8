package io.levity.core.tx;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Signature;
import io.levity.core.num.UInt256;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A signed Ethereum transaction in one of its four envelopes. Values are immutable and structurally
 * valid (every field in range for its wire type); whether a transaction is acceptable for a fork
 * and chain is the execution layer's {@code TransactionValidator}'s question.
 *
 * <p>{@link #nonce()} and {@link #gasLimit()} are unsigned 64-bit values held in a {@code long}:
 * values of 2^63 and above read as negative, so compare them with {@link Long#compareUnsigned}.
 */
public sealed interface Transaction
    permits LegacyTransaction, AccessListTransaction, DynamicFeeTransaction, BlobTransaction {

  /**
   * A placeholder signature for a transaction not signed yet; {@link TransactionSigner} replaces
   * it.
   */
  Signature UNSIGNED = new Signature(BigInteger.ZERO, BigInteger.ZERO, 0);

  TransactionType type();

  /** The chain the signature is bound to; empty only for a legacy transaction without EIP-155. */
  OptionalLong chainId();

  /** Unsigned 64-bit. */
  long nonce();

  /** Unsigned 64-bit. */
  long gasLimit();

  /** The recipient, or empty for a contract creation. */
  Optional<Address> to();

  UInt256 value();

  /** Calldata, or the initcode of a contract creation. */
  Bytes data();

  /** EIP-2930 access list; empty for legacy transactions. */
  List<AccessListEntry> accessList();

  /** The most the sender pays per gas: the gas price for legacy and EIP-2930 transactions. */
  UInt256 maxFeePerGas();

  /**
   * The most the sender tips per gas: for legacy and EIP-2930 transactions, which have no separate
   * tip, the gas price.
   */
  default UInt256 maxPriorityFeePerGas() {
    return maxFeePerGas();
  }

  /** r, s and the recovery id (the y parity; for legacy transactions derived from v). */
  Signature signature();

  /** The same transaction with another signature. */
  Transaction withSignature(Signature signature);

  default boolean isContractCreation() {
    return to().isEmpty();
  }

  /**
   * The price per gas actually paid under a base fee: min(maxFeePerGas, baseFee +
   * maxPriorityFeePerGas). For legacy and EIP-2930 transactions this is the gas price. Pass zero
   * before London.
   */
  default UInt256 effectiveGasPrice(UInt256 baseFee) {
    UInt256 capped = baseFee.addExact(maxPriorityFeePerGas());
    return capped == null ? maxFeePerGas() : maxFeePerGas().min(capped);
  }

  /**
   * The tip per gas the block producer receives: effectiveGasPrice - baseFee; requires maxFeePerGas
   * >= baseFee.
   */
  default UInt256 effectivePriorityFee(UInt256 baseFee) {
    if (maxFeePerGas().compareTo(baseFee) < 0) {
      throw new IllegalArgumentException(
          "max fee per gas " + maxFeePerGas() + " is below the base fee " + baseFee);
    }
    return effectiveGasPrice(baseFee).subtract(baseFee);
  }

  /**
   * The consensus encoding: {@code rlp(fields)} for legacy, {@code type || rlp(fields)} for typed
   * envelopes.
   */
  byte[] encode();

  /** keccak256 of {@link #encode()}: the transaction hash (computed once). */
  Bytes32 hash();

  /** The bytes whose hash is signed (see docs/execution.md). */
  default byte[] signingPayload() {
    return TransactionEncoding.signingPayload(this);
  }

  default Bytes32 signingHash() {
    return Keccak.hash(signingPayload());
  }

  /**
   * The sender by public-key recovery, or empty when the signature does not recover. Applies no
   * fork rule (such as EIP-2's low s); the execution layer's {@code TransactionValidator} does.
   * Recovered once and kept.
   */
  Optional<Address> recoverSender();
}
