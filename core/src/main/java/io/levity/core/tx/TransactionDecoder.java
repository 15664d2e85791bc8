package io.levity.core.tx;

import static io.levity.core.tx.TransactionError.*;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Signature;
import io.levity.core.num.UInt256;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpException;
import io.levity.core.rlp.RlpReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decodes the consensus encoding of a transaction: an RLP list (legacy) or a type byte 0x01-0x03
 * followed by an RLP list (EIP-2718). Strict: every non-canonical or out-of-range input is rejected
 * with an {@link InvalidTransactionException} naming the rule, so {@code encode(decode(b))} always
 * equals {@code b}. Fork and chain rules are the execution layer's {@code TransactionValidator}'s.
 */
public final class TransactionDecoder {
  private static final BigInteger V27 = BigInteger.valueOf(27);
  private static final BigInteger V28 = BigInteger.valueOf(28);
  private static final BigInteger V35 = BigInteger.valueOf(35);

  private TransactionDecoder() {}

  public static Transaction decode(Bytes raw) {
    return decode(raw.unsafeArray());
  }

  /**
   * Decodes a transaction; the result keeps a copy of {@code raw} as its encoding (the decoding is
   * canonical: anything the encoder would write differently is refused), so its hash is never
   * computed from a re-encoding.
   */
  public static Transaction decode(byte[] raw) {
    Transaction tx = decodeFields(raw);
    ((TransactionMemo) tx).decodedFrom(raw.clone());
    return tx;
  }

  private static Transaction decodeFields(byte[] raw) {
    if (raw.length == 0) throw fail(RLP_ERROR, "empty input");
    int first = raw[0] & 0xff;
    try {
      if (first >= 0xc0) return legacy(new Fields(raw, 0, "legacy transaction", 9));
      if (first >= 0x80) {
        Rlp.decode(raw); // a malformed string is an RLP error first
        throw fail(
            RLP_EXPECTED_LIST,
            "found an RLP string; a transaction is an RLP list (legacy) or a type byte"
                + " 0x01-0x7f followed by an RLP list");
      }
      return switch (first) {
        case 1 -> typed(first, new Fields(raw, 1, "EIP-2930 transaction", 11));
        case 2 -> typed(first, new Fields(raw, 1, "EIP-1559 transaction", 12));
        case 3 -> typed(first, new Fields(raw, 1, "EIP-4844 transaction", 14));
        default ->
            throw fail(TYPE_NOT_SUPPORTED, String.format("unknown transaction type 0x%02x", first));
      };
    } catch (RlpException e) {
      throw fail(RLP_ERROR, e.getMessage());
    }
  }

  /** The fields from the gas limit to the data, in this order in every envelope. */
  private record Body(long gasLimit, Optional<Address> to, UInt256 value, Bytes data) {}

  private static LegacyTransaction legacy(Fields f) {
    long nonce = f.u64("nonce", NONCE_OVERFLOW);
    UInt256 gasPrice = f.u256("gas price", GAS_PRICE_OVERFLOW);
    Body b = f.body(false);
    BigInteger v = f.big("v", 32, INVALID_SIGNATURE);
    BigInteger r = f.big("r", 32, INVALID_SIGNATURE);
    BigInteger s = f.big("s", 32, INVALID_SIGNATURE);
    f.end();
    OptionalLong chainId;
    int parity;
    if (v.equals(V27) || v.equals(V28)) {
      chainId = OptionalLong.empty();
      parity = v.intValue() - 27;
    } else if (v.compareTo(V35) >= 0) {
      BigInteger c = v.subtract(V35).shiftRight(1);
      if (c.bitLength() > 63)
        throw fail(INVALID_CHAIN_ID, "v = " + v + " encodes a chain id wider than 63 bits");
      chainId = OptionalLong.of(c.longValue());
      parity = v.testBit(0) ? 0 : 1; // v = chainId * 2 + 35 + parity, and 35 is odd
    } else {
      throw fail(
          INVALID_SIGNATURE,
          "v = " + v + " is neither 27/28 nor an EIP-155 value chainId * 2 + 35/36");
    }
    return new LegacyTransaction(
        nonce, gasPrice, b.gasLimit, b.to, b.value, b.data, chainId, new Signature(r, s, parity));
  }

  /**
   * The typed envelopes (EIP-2718) share one field order: chain id, nonce, the priority fee (from
   * type 2), the gas price or fee cap, the body, the access list, the blob fields (type 3) and the
   * signature as y parity, r, s.
   */
  private static Transaction typed(int type, Fields f) {
    OptionalLong chainId = OptionalLong.of(f.chainId());
    long nonce = f.u64("nonce", NONCE_OVERFLOW);
    UInt256 tip = type == 1 ? null : f.u256("max priority fee per gas", PRIORITY_FEE_OVERFLOW);
    UInt256 fee = f.u256(type == 1 ? "gas price" : "max fee per gas", GAS_PRICE_OVERFLOW);
    Body b = f.body(type == 3);
    List<AccessListEntry> accessList = f.accessList();
    UInt256 blobFee = type == 3 ? f.u256("max fee per blob gas", BLOB_GAS_PRICE_OVERFLOW) : null;
    List<Bytes32> hashes = type == 3 ? f.blobHashes() : null;
    Signature sig = f.paritySignature();
    f.end();
    return switch (type) {
      case 1 ->
          new AccessListTransaction(
              chainId, nonce, fee, b.gasLimit, b.to, b.value, b.data, accessList, sig);
      case 2 ->
          new DynamicFeeTransaction(
              chainId, nonce, tip, fee, b.gasLimit, b.to, b.value, b.data, accessList, sig);
      default ->
          new BlobTransaction(
              chainId,
              nonce,
              tip,
              fee,
              b.gasLimit,
              b.to,
              b.value,
              b.data,
              accessList,
              blobFee,
              hashes,
              sig);
    };
  }

  private static InvalidTransactionException fail(TransactionError error, String detail) {
    return new InvalidTransactionException(error, detail);
  }

  /**
   * Reads the fields of one envelope in order, turning each malformation into the rule it breaks.
   */
  private static final class Fields {
    private final RlpReader r;

    Fields(byte[] raw, int from, String what, int expected) {
      // Count the fields first, so a missing field is reported as such rather than as its
      // neighbour's error.
      RlpReader counter = new RlpReader(raw, from, raw.length);
      if (!counter.hasNext()) throw fail(RLP_ERROR, what + " has no payload after its type byte");
      if (!counter.nextIsList())
        throw fail(RLP_EXPECTED_LIST, what + " payload must be an RLP list");
      counter.enterList();
      int n = 0;
      while (counter.hasNext()) {
        counter.skipItem();
        n++;
      }
      counter.exitList();
      counter.requireEnd();
      if (n < expected)
        throw fail(RLP_TOO_FEW_FIELDS, what + " has " + n + " fields, expected " + expected);
      if (n > expected)
        throw fail(RLP_TOO_MANY_FIELDS, what + " has " + n + " fields, expected " + expected);
      r = new RlpReader(raw, from, raw.length);
      r.enterList();
    }

    void end() {
      r.exitList();
      r.requireEnd();
    }

    byte[] string(String field) {
      if (r.nextIsList())
        throw fail(RLP_UNEXPECTED_LIST, field + " must be a byte string, found a list");
      return r.readBytes();
    }

    /**
     * A 64-bit integer; width is checked before leading zeros, as for the other clients' uint64
     * fields.
     */
    long u64(String field, TransactionError overflow) {
      byte[] b = string(field);
      if (b.length > 8)
        throw fail(overflow, field + " is " + b.length + " bytes, wider than 64 bits");
      if (b.length > 0 && b[0] == 0)
        throw fail(RLP_LEADING_ZEROS, field + " has leading zero bytes");
      long v = 0;
      for (byte x : b) v = (v << 8) | (x & 0xff);
      return v;
    }

    UInt256 u256(String field, TransactionError overflow) {
      return UInt256.fromBytes(scalar(field, 32, overflow));
    }

    BigInteger big(String field, int maxBytes, TransactionError overflow) {
      return new BigInteger(1, scalar(field, maxBytes, overflow));
    }

    private byte[] scalar(String field, int maxBytes, TransactionError overflow) {
      byte[] b = string(field);
      if (b.length > 0 && b[0] == 0)
        throw fail(RLP_LEADING_ZEROS, field + " has leading zero bytes");
      if (b.length > maxBytes) {
        throw fail(
            overflow, field + " is " + b.length + " bytes, wider than " + (maxBytes * 8) + " bits");
      }
      return b;
    }

    long chainId() {
      BigInteger c = big("chain id", 32, INVALID_CHAIN_ID);
      if (c.bitLength() > 63)
        throw fail(INVALID_CHAIN_ID, "chain id " + c + " is wider than 63 bits");
      return c.longValue();
    }

    /** Gas limit, recipient (required in a blob transaction), value and data. */
    Body body(boolean toRequired) {
      long gasLimit = u64("gas limit", GAS_LIMIT_OVERFLOW);
      byte[] b = string("to");
      if (b.length == 0 && toRequired)
        throw fail(BLOB_TX_CONTRACT_CREATION, "a blob transaction must have a recipient");
      Optional<Address> to = b.length == 0 ? Optional.empty() : Optional.of(address("to", b));
      UInt256 value = u256("value", VALUE_OVERFLOW);
      return new Body(gasLimit, to, value, Bytes.wrap(string("data")));
    }

    private static Address address(String field, byte[] b) {
      if (b.length < 20)
        throw fail(ADDRESS_TOO_SHORT, field + " is " + b.length + " bytes, an address is 20");
      if (b.length > 20)
        throw fail(ADDRESS_TOO_LONG, field + " is " + b.length + " bytes, an address is 20");
      return Address.wrapAddress(b);
    }

    List<AccessListEntry> accessList() {
      if (!r.nextIsList())
        throw fail(RLP_EXPECTED_LIST, "access list must be a list, found a byte string");
      r.enterList();
      List<AccessListEntry> entries = new ArrayList<>();
      while (r.hasNext()) {
        String what = "access list entry " + entries.size();
        if (!r.nextIsList())
          throw fail(RLP_EXPECTED_LIST, what + " must be a list [address, [storage keys]]");
        r.enterList();
        if (!r.hasNext())
          throw fail(RLP_TOO_FEW_FIELDS, what + " is empty, expected [address, [storage keys]]");
        Address address = address(what + " address", string(what + " address"));
        if (!r.hasNext()) throw fail(RLP_TOO_FEW_FIELDS, what + " has no storage key list");
        if (!r.nextIsList()) throw fail(RLP_EXPECTED_LIST, what + " storage keys must be a list");
        r.enterList();
        List<Bytes32> keys = new ArrayList<>();
        while (r.hasNext()) {
          String field = what + " storage key " + keys.size();
          byte[] k = string(field);
          if (k.length < 32)
            throw fail(STORAGE_KEY_TOO_SHORT, field + " is " + k.length + " bytes, a key is 32");
          if (k.length > 32)
            throw fail(STORAGE_KEY_TOO_LONG, field + " is " + k.length + " bytes, a key is 32");
          keys.add(Bytes32.wrap32(k));
        }
        r.exitList();
        if (r.hasNext())
          throw fail(RLP_TOO_MANY_FIELDS, what + " has more than [address, [storage keys]]");
        r.exitList();
        entries.add(new AccessListEntry(address, keys));
      }
      r.exitList();
      return entries;
    }

    List<Bytes32> blobHashes() {
      if (!r.nextIsList()) throw fail(RLP_EXPECTED_LIST, "blob versioned hashes must be a list");
      r.enterList();
      List<Bytes32> hashes = new ArrayList<>();
      while (r.hasNext()) {
        String field = "blob versioned hash " + hashes.size();
        byte[] h = string(field);
        if (h.length != 32)
          throw fail(BLOB_HASH_WRONG_SIZE, field + " is " + h.length + " bytes, expected 32");
        hashes.add(Bytes32.wrap32(h));
      }
      r.exitList();
      return hashes;
    }

    Signature paritySignature() {
      byte[] y = scalar("y parity", 1, INVALID_SIGNATURE);
      BigInteger rr = big("r", 32, INVALID_SIGNATURE);
      BigInteger ss = big("s", 32, INVALID_SIGNATURE);
      int parity = y.length == 0 ? 0 : y[0] & 0xff;
      if (parity > 1) throw fail(INVALID_SIGNATURE, "y parity must be 0 or 1, got " + parity);
      return new Signature(rr, ss, parity);
    }
  }
}
