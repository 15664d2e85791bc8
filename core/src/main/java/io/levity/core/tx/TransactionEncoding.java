package io.levity.core.tx;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Signature;
import io.levity.core.num.UInt256;
import io.levity.core.rlp.Rlp;
import java.util.List;

/**
 * The RLP layouts of the four envelopes, for the consensus encoding and for the signing payload.
 */
final class TransactionEncoding {
  private TransactionEncoding() {}

  static byte[] encode(Transaction tx) {
    return switch (tx) {
      case LegacyTransaction t ->
          legacyFields(t).number(t.v()).raw(signature(t.signature())).toList();
      default -> typed(tx, typedFields(tx).raw(parityAndSignature(tx.signature())));
    };
  }

  static byte[] signingPayload(Transaction tx) {
    return switch (tx) {
      case LegacyTransaction t -> {
        Rlp.Writer w = legacyFields(t);
        // EIP-155: the chain id and two empty values take the place of v, r, s.
        if (t.chainId().isPresent())
          w.raw(u64(t.chainId().getAsLong())).raw(Rlp.emptyString()).raw(Rlp.emptyString());
        yield w.toList();
      }
      default -> typed(tx, typedFields(tx));
    };
  }

  private static Rlp.Writer legacyFields(LegacyTransaction t) {
    return body(new Rlp.Writer().raw(u64(t.nonce())).raw(u256(t.gasPrice())), t);
  }

  /**
   * The typed envelopes (EIP-2718) share one field order: chain id, nonce, the priority fee (from
   * type 2), the gas price or fee cap, the body, the access list and the blob fields (type 3).
   */
  private static Rlp.Writer typedFields(Transaction t) {
    Rlp.Writer w = new Rlp.Writer().raw(u64(t.chainId().getAsLong())).raw(u64(t.nonce()));
    if (!(t instanceof AccessListTransaction)) w.raw(u256(t.maxPriorityFeePerGas()));
    body(w.raw(u256(t.maxFeePerGas())), t).raw(accessList(t.accessList()));
    if (t instanceof BlobTransaction b) {
      byte[][] hashes = new byte[b.blobVersionedHashes().size()][];
      for (int i = 0; i < hashes.length; i++)
        hashes[i] = Rlp.encodeBytes(b.blobVersionedHashes().get(i));
      w.raw(u256(b.maxFeePerBlobGas())).raw(Rlp.encodeList(hashes));
    }
    return w;
  }

  /** Gas limit, recipient, value and data, in this order in every envelope. */
  private static Rlp.Writer body(Rlp.Writer w, Transaction t) {
    return w.raw(u64(t.gasLimit())).raw(to(t)).raw(u256(t.value())).bytes(t.data());
  }

  private static byte[] typed(Transaction t, Rlp.Writer fields) {
    byte[] list = fields.toList();
    byte[] out = new byte[list.length + 1];
    out[0] = (byte) t.type().code();
    System.arraycopy(list, 0, out, 1, list.length);
    return out;
  }

  private static byte[] accessList(List<AccessListEntry> entries) {
    byte[][] items = new byte[entries.size()][];
    for (int i = 0; i < items.length; i++) {
      AccessListEntry e = entries.get(i);
      byte[][] keys = new byte[e.storageKeys().size()][];
      for (int k = 0; k < keys.length; k++) {
        Bytes32 key = e.storageKeys().get(k);
        keys[k] = Rlp.encodeBytes(key);
      }
      items[i] = Rlp.encodeList(Rlp.encodeBytes(e.address()), Rlp.encodeList(keys));
    }
    return Rlp.encodeList(items);
  }

  private static byte[] to(Transaction t) {
    return t.to().map(Rlp::encodeBytes).orElse(Rlp.emptyString());
  }

  private static byte[] signature(Signature s) {
    return concat(Rlp.encodeBigInteger(s.r()), Rlp.encodeBigInteger(s.s()));
  }

  private static byte[] parityAndSignature(Signature s) {
    return concat(Rlp.encodeLong(s.recId()), signature(s));
  }

  /** An unsigned 64-bit integer (a long whose sign bit is the top bit). */
  private static byte[] u64(long v) {
    return Rlp.encodeBytes(Rlp.minimalBytes(v));
  }

  private static byte[] u256(UInt256 v) {
    return Rlp.encodeBytes(v.toMinimalBytes());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
