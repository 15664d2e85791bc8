package io.levity.execution.tx;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1.KeyPair;
import io.levity.core.num.UInt256;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpReader;
import io.levity.core.tx.AccessListEntry;
import io.levity.core.tx.AccessListTransaction;
import io.levity.core.tx.BlobTransaction;
import io.levity.core.tx.DynamicFeeTransaction;
import io.levity.core.tx.LegacyTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import io.levity.evm.BlockContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Draft transactions of each envelope, block contexts and helpers to take encodings apart, shared
 * by the tests.
 */
public final class Samples {
  private Samples() {}

  static final long CHAIN_ID = 1;

  /** The key of the EIP-155 example. */
  static final KeyPair KEY = KeyPair.fromPrivate(Bytes32.fromHex32("0x" + "46".repeat(32)));

  static final TransactionSigner SIGNER = new TransactionSigner(KEY);
  static final Address TO = Address.fromHex("0x" + "35".repeat(20));
  static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);

  static LegacyTransaction legacy(OptionalLong chainId) {
    return new LegacyTransaction(
        9,
        GWEI.multiply(20),
        21_000,
        Optional.of(TO),
        UInt256.valueOf(1_000_000_000_000_000_000L),
        Bytes.EMPTY,
        chainId,
        Transaction.UNSIGNED);
  }

  static AccessListTransaction accessList() {
    return new AccessListTransaction(
        OptionalLong.of(CHAIN_ID),
        3,
        GWEI,
        60_000,
        Optional.of(TO),
        UInt256.ONE,
        Bytes.fromHex("0xdeadbeef00"),
        List.of(
            new AccessListEntry(
                TO, List.of(Bytes32.ZERO, Bytes32.fromHex32("0x" + "01".repeat(32))))),
        Transaction.UNSIGNED);
  }

  static DynamicFeeTransaction dynamicFee() {
    return new DynamicFeeTransaction(
        OptionalLong.of(CHAIN_ID),
        7,
        GWEI,
        GWEI.multiply(30),
        30_000,
        Optional.of(TO),
        UInt256.ZERO,
        Bytes.fromHex("0x01"),
        List.of(),
        Transaction.UNSIGNED);
  }

  static DynamicFeeTransaction creation(Bytes initcode, long gasLimit) {
    return new DynamicFeeTransaction(
        OptionalLong.of(CHAIN_ID),
        0,
        GWEI,
        GWEI.multiply(30),
        gasLimit,
        Optional.empty(),
        UInt256.ZERO,
        initcode,
        List.of(),
        Transaction.UNSIGNED);
  }

  static BlobTransaction blob(List<Bytes32> hashes) {
    return new BlobTransaction(
        OptionalLong.of(CHAIN_ID),
        1,
        GWEI,
        GWEI.multiply(30),
        21_000,
        Optional.of(TO),
        UInt256.ZERO,
        Bytes.EMPTY,
        List.of(),
        UInt256.valueOf(3),
        hashes,
        Transaction.UNSIGNED);
  }

  /** A block context at height 1 on chain 1 whose BLOCKHASH is zero for every block. */
  public static BlockContext block(
      Address coinbase, UInt256 baseFee, long blobBaseFee, long gasLimit) {
    return new BlockContext(
        coinbase,
        1,
        1_000,
        gasLimit,
        Bytes32.ZERO,
        baseFee,
        UInt256.valueOf(blobBaseFee),
        CHAIN_ID,
        n -> Bytes32.ZERO);
  }

  static Bytes32 versionedHash(int version, int fill) {
    byte[] h = new byte[32];
    Arrays.fill(h, (byte) fill);
    h[0] = (byte) version;
    return Bytes32.wrap32(h);
  }

  /** The encoded items of the RLP list starting at {@code from}. */
  public static List<byte[]> items(byte[] encoded, int from) {
    RlpReader r = new RlpReader(encoded, from, encoded.length);
    r.enterList();
    List<byte[]> out = new ArrayList<>();
    while (r.hasNext()) {
      int[] span = r.skipItem();
      out.add(Arrays.copyOfRange(encoded, span[0], span[1]));
    }
    return out;
  }

  /** The type byte (if any) followed by the list of items. */
  static byte[] envelope(int type, List<byte[]> items) {
    byte[] list = Rlp.encodeList(items);
    if (type == 0) return list;
    byte[] out = new byte[list.length + 1];
    out[0] = (byte) type;
    System.arraycopy(list, 0, out, 1, list.length);
    return out;
  }
}
