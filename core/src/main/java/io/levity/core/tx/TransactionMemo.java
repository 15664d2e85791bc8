package io.levity.core.tx;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import java.util.Optional;

/**
 * What a transaction computes once and keeps: its encoding, its hash and its recovered sender. A
 * transaction passes through the mempool, block building, execution, storage, receipts and RPC
 * answers; re-encoding it and recovering its signature at every step was a large share of a loaded
 * node's time. The values are pure functions of the immutable fields, so computing one twice under
 * a race is harmless. Not part of a transaction's equality.
 */
abstract sealed class TransactionMemo
    permits LegacyTransaction, AccessListTransaction, DynamicFeeTransaction, BlobTransaction {
  private volatile byte[] encoded;
  private volatile Bytes32 hash;
  private volatile Optional<Address> sender;

  /**
   * The decoder hands over the bytes it decoded: the decoding is canonical (it refuses anything the
   * encoder would not produce), so they are the encoding.
   */
  final void decodedFrom(byte[] raw) {
    this.encoded = raw;
  }

  private Transaction self() {
    return (Transaction) this;
  }

  /** The consensus encoding (a fresh copy each call). */
  public final byte[] encode() {
    return encoded().clone();
  }

  /** keccak256 of the encoding: the transaction hash. */
  public final Bytes32 hash() {
    Bytes32 h = hash;
    if (h == null) hash = h = Keccak.hash(encoded());
    return h;
  }

  /**
   * The sender by public-key recovery, or empty when the signature does not recover; a dev chain's
   * impersonated transaction answers the sender it was made for ({@link ImpersonatedSenders}).
   */
  public final Optional<Address> recoverSender() {
    Optional<Address> s = sender;
    if (s == null) {
      Transaction tx = self();
      s = ImpersonatedSenders.none() ? Optional.empty() : ImpersonatedSenders.lookup(hash());
      if (s.isEmpty()) s = Secp256k1.recoverAddress(tx.signingHash().unsafeArray(), tx.signature());
      sender = s;
    }
    return s;
  }

  private byte[] encoded() {
    byte[] e = encoded;
    if (e == null) encoded = e = TransactionEncoding.encode(self());
    return e;
  }
}
