package io.levity.execution.tx;

import static io.levity.core.tx.TransactionError.*;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Signature;
import io.levity.core.num.UInt256;
import io.levity.core.tx.BlobTransaction;
import io.levity.core.tx.InvalidTransactionException;
import io.levity.core.tx.LegacyTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionDecoder;
import io.levity.core.tx.TransactionError;
import io.levity.execution.fork.Fork;
import io.levity.execution.fork.TransactionRules;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks a transaction must pass for a fork and chain without looking at state, in this order
 * (the order decides which rule is reported when several are broken; it follows the reference
 * clients): envelope type, chain id, signature (range, EIP-2 low s from Homestead, sender
 * recovery), EIP-2681 nonce limit, fee fields, intrinsic gas, EIP-3860 initcode size, EIP-4844 blob
 * hashes. Nonce, balance and block gas checks need state and belong to the state transition.
 */
public final class TransactionValidator {
  private final Fork fork;
  private final TransactionRules rules;
  private final long chainId;

  public TransactionValidator(Fork fork, long chainId) {
    this.fork = Objects.requireNonNull(fork, "fork");
    this.rules = fork.transactionRules();
    this.chainId = chainId;
  }

  public Fork fork() {
    return fork;
  }

  public long chainId() {
    return chainId;
  }

  /**
   * Decodes and validates; any failure is an {@link InvalidTransactionException} naming the rule.
   */
  public ValidatedTransaction decodeAndValidate(byte[] raw) {
    return validate(TransactionDecoder.decode(raw));
  }

  /**
   * As {@link #decodeAndValidate(byte[])}, reusing the result {@code cache} holds for these bytes
   * under this validator's fork and chain id (and keeping a new one there): the signature of a
   * transaction seen before is not recovered again.
   */
  public ValidatedTransaction decodeAndValidate(byte[] raw, ValidationCache cache) {
    Bytes32 hash = Keccak.hash(raw);
    return cache.get(hash, fork, chainId, () -> validate(TransactionDecoder.decode(raw)));
  }

  public ValidatedTransaction validate(Transaction tx) {
    if (!rules.allowsType(tx.type().code())) {
      throw fail(
          TYPE_NOT_SUPPORTED,
          tx.type()
              + " transactions (type "
              + tx.type().code()
              + ") are not valid in "
              + fork.fixtureName());
    }
    checkChainId(tx);
    Address sender = sender(tx);
    if (tx.nonce() == -1L) throw fail(NONCE_TOO_BIG, "nonce 2^64-1 is not allowed (EIP-2681)");
    checkFees(tx);
    long intrinsic = IntrinsicGas.of(tx, rules);
    if (Long.compareUnsigned(tx.gasLimit(), intrinsic) < 0) {
      throw fail(
          INTRINSIC_GAS_TOO_LOW,
          "gas limit "
              + Long.toUnsignedString(tx.gasLimit())
              + " is below the intrinsic gas "
              + intrinsic);
    }
    if (tx.isContractCreation()
        && rules.hasInitcodeLimit()
        && tx.data().size() > rules.maxInitcodeSize()) {
      throw fail(
          INITCODE_SIZE_EXCEEDED,
          "initcode is "
              + tx.data().size()
              + " bytes, the limit is "
              + rules.maxInitcodeSize()
              + " (EIP-3860)");
    }
    if (tx instanceof BlobTransaction blob) checkBlobs(blob);
    return new ValidatedTransaction(tx, sender, intrinsic); // the hash is the transaction's, kept
  }

  private void checkChainId(Transaction tx) {
    if (tx.chainId().isEmpty()) return; // a legacy transaction without EIP-155
    long txChain = tx.chainId().getAsLong();
    if (tx instanceof LegacyTransaction legacy && !rules.replayProtection()) {
      throw fail(
          INVALID_SIGNATURE,
          "v = "
              + legacy.v()
              + " is an EIP-155 value (chain id "
              + txChain
              + "); before Spurious Dragon v must be 27 or 28");
    }
    if (txChain != chainId) {
      throw fail(
          INVALID_CHAIN_ID, "transaction is for chain " + txChain + ", this chain is " + chainId);
    }
  }

  private static void checkFees(Transaction tx) {
    if (tx.maxPriorityFeePerGas().compareTo(tx.maxFeePerGas()) > 0) {
      throw fail(
          PRIORITY_FEE_GREATER_THAN_MAX_FEE,
          "max priority fee per gas "
              + tx.maxPriorityFeePerGas()
              + " exceeds max fee per gas "
              + tx.maxFeePerGas());
    }
    UInt256 gasLimit = new UInt256(0, 0, 0, tx.gasLimit()); // unsigned 64-bit
    if (gasLimit.multiplyExact(tx.maxFeePerGas()) == null) {
      throw fail(
          GAS_LIMIT_PRICE_PRODUCT_OVERFLOW, "gas limit * max fee per gas does not fit in 256 bits");
    }
  }

  private void checkBlobs(BlobTransaction tx) {
    int n = tx.blobVersionedHashes().size();
    if (n == 0) throw fail(BLOB_HASHES_EMPTY, "a blob transaction carries at least one blob");
    if (n > rules.maxBlobsPerTransaction()) {
      throw fail(
          BLOB_COUNT_EXCEEDED,
          n
              + " blobs, "
              + fork.fixtureName()
              + " allows at most "
              + rules.maxBlobsPerTransaction());
    }
    for (int i = 0; i < n; i++) {
      Bytes32 h = tx.blobVersionedHashes().get(i);
      if (h.getUnsigned(0) != rules.blobHashVersion()) {
        throw fail(
            BLOB_HASH_VERSION_INVALID,
            String.format(
                "blob versioned hash %d has version 0x%02x, expected" + " 0x%02x",
                i, h.getUnsigned(0), rules.blobHashVersion()));
      }
    }
  }

  private Address sender(Transaction tx) {
    Signature sig = tx.signature();
    if (!sig.inRange()) throw fail(INVALID_SIGNATURE, "r and s must both be in [1, n-1]");
    if (rules.lowSRequired() && !sig.isLowS()) {
      throw fail(
          INVALID_SIGNATURE, "s is above n/2; from Homestead signatures must have low s (EIP-2)");
    }
    Optional<Address> sender = tx.recoverSender(); // kept by the transaction for later askers
    return sender.orElseThrow(
        () -> fail(SIGNATURE_RECOVERY_FAILED, "the signature does not recover to a public key"));
  }

  private static InvalidTransactionException fail(TransactionError error, String detail) {
    return new InvalidTransactionException(error, detail);
  }
}
