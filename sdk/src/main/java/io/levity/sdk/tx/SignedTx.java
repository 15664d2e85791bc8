package io.levity.sdk.tx;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.lang.Require;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;

/**
 * A signed transaction ready for {@code eth_sendRawTransaction}: the transaction, its consensus
 * encoding and its hash.
 */
public record SignedTx(Transaction transaction, Bytes raw, Bytes32 hash) {
  public SignedTx {
    Require.nonNull("transaction", transaction, "raw", raw, "hash", hash);
  }

  /** A transaction that already carries its signature. */
  public static SignedTx of(Transaction signed) {
    byte[] raw = signed.encode();
    return new SignedTx(signed, Bytes.wrap(raw), Keccak.hash(raw));
  }

  /** Signs {@code draft} (any signature, such as {@link Transaction#UNSIGNED}) with {@code key}. */
  public static SignedTx sign(Transaction draft, Secp256k1.KeyPair key) {
    return of(new TransactionSigner(key).sign(draft));
  }

  public long nonce() {
    return transaction.nonce();
  }
}
