package io.levity.core.tx;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Secp256k1.KeyPair;
import io.levity.core.crypto.Signature;
import io.levity.core.num.UInt256;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Signs transactions with one key. Build a draft with any signature (such as {@link
 * Transaction#UNSIGNED}) and pass it to {@code sign}: the signature covers {@link
 * Transaction#signingHash()}, so the draft's chain id decides the replay protection (EIP-155 for
 * legacy drafts that carry one). Signatures have low s (EIP-2).
 */
public final class TransactionSigner {
  /** Gas a plain value transfer needs. */
  public static final long TRANSFER_GAS = 21_000;

  private final KeyPair key;

  public TransactionSigner(KeyPair key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  public Address address() {
    return key.address();
  }

  public LegacyTransaction sign(LegacyTransaction draft) {
    return draft.withSignature(signatureFor(draft));
  }

  public AccessListTransaction sign(AccessListTransaction draft) {
    return draft.withSignature(signatureFor(draft));
  }

  public DynamicFeeTransaction sign(DynamicFeeTransaction draft) {
    return draft.withSignature(signatureFor(draft));
  }

  public BlobTransaction sign(BlobTransaction draft) {
    return draft.withSignature(signatureFor(draft));
  }

  public Transaction sign(Transaction draft) {
    return draft.withSignature(signatureFor(draft));
  }

  /** A signed EIP-1559 value transfer with the standard 21000 gas limit. */
  public DynamicFeeTransaction transfer(
      long chainId,
      long nonce,
      Address to,
      UInt256 value,
      UInt256 maxPriorityFeePerGas,
      UInt256 maxFeePerGas) {
    return sign(
        new DynamicFeeTransaction(
            OptionalLong.of(chainId),
            nonce,
            maxPriorityFeePerGas,
            maxFeePerGas,
            TRANSFER_GAS,
            Optional.of(to),
            value,
            Bytes.EMPTY,
            List.of(),
            Transaction.UNSIGNED));
  }

  private Signature signatureFor(Transaction draft) {
    Signature sig = key.sign(draft.signingHash().unsafeArray());
    if (sig.recId() > 1) {
      // Only when r overflowed the group order, with probability about 2^-128; a transaction cannot
      // carry it.
      throw new IllegalStateException(
          "signature with recovery id "
              + sig.recId()
              + " cannot be encoded in a"
              + " transaction; change any field (such as the nonce) and sign again");
    }
    return sig;
  }
}
