package io.levity.execution.block;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.lang.Require;
import io.levity.core.num.UInt256;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpException;
import io.levity.core.rlp.RlpReader;
import io.levity.trie.MerklePatriciaTrie;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An Ethereum block header, fields in their RLP order. The hash is keccak256 of {@link #encode()},
 * so wallets and libraries that check it (ethers.js, web3j) see ordinary blocks.
 *
 * <p>The last five fields arrived with later forks (London: base fee; Shanghai: withdrawals root;
 * Cancun: blob gas used, excess blob gas, parent beacon block root) and are null in headers of
 * earlier forks; a present field needs every earlier one present. Levity produces Cancun headers
 * ({@link #cancun}) with difficulty 0, nonce 0, no ommers and no withdrawals. {@code number},
 * {@code gasLimit}, {@code gasUsed}, {@code timestamp}, {@code nonce}, {@code blobGasUsed} and
 * {@code excessBlobGas} are unsigned 64-bit values.
 *
 * @param ommersHash keccak(rlp([])) for every block since the merge
 * @param logsBloom 256 bytes: the union of the receipts' blooms
 * @param mixHash PREVRANDAO since the merge
 * @param nonce an 8-byte value, 0 since the merge
 */
public record BlockHeader(
    Bytes32 parentHash,
    Bytes32 ommersHash,
    Address coinbase,
    Bytes32 stateRoot,
    Bytes32 transactionsRoot,
    Bytes32 receiptsRoot,
    Bytes logsBloom,
    UInt256 difficulty,
    long number,
    long gasLimit,
    long gasUsed,
    long timestamp,
    Bytes extraData,
    Bytes32 mixHash,
    long nonce,
    UInt256 baseFeePerGas,
    Bytes32 withdrawalsRoot,
    Long blobGasUsed,
    Long excessBlobGas,
    Bytes32 parentBeaconBlockRoot) {

  /** keccak256(rlp([])): the ommers hash of a block without ommers. */
  public static final Bytes32 EMPTY_OMMERS_HASH = Keccak.hash(Rlp.emptyList());

  /**
   * The root of an empty trie: transactions, receipts or withdrawals root of a block without any.
   */
  public static final Bytes32 EMPTY_TRIE_ROOT = MerklePatriciaTrie.EMPTY_ROOT;

  /** The most extra data a header may carry. */
  public static final int MAX_EXTRA_DATA = 32;

  public BlockHeader {
    Require.nonNull("parentHash", parentHash, "ommersHash", ommersHash, "coinbase", coinbase);
    Require.nonNull("stateRoot", stateRoot, "transactionsRoot", transactionsRoot);
    Require.nonNull("receiptsRoot", receiptsRoot, "logsBloom", logsBloom);
    if (logsBloom.size() != LogsBloom.BYTES) {
      throw new IllegalArgumentException("logs bloom must be 256 bytes, got " + logsBloom.size());
    }
    Require.nonNull("difficulty", difficulty, "extraData", extraData, "mixHash", mixHash);
    Object[] optional = {
      baseFeePerGas, withdrawalsRoot, blobGasUsed, excessBlobGas, parentBeaconBlockRoot
    };
    for (int i = 1; i < optional.length; i++) {
      if (optional[i] != null && optional[i - 1] == null) {
        throw new IllegalArgumentException(
            "header field " + (16 + i) + " is set but field " + (15 + i) + " is not");
      }
    }
  }

  /** A post-merge Cancun header: difficulty 0, nonce 0, no ommers, no withdrawals. */
  public static BlockHeader cancun(
      Bytes32 parentHash,
      Address coinbase,
      Bytes32 stateRoot,
      Bytes32 transactionsRoot,
      Bytes32 receiptsRoot,
      Bytes logsBloom,
      long number,
      long gasLimit,
      long gasUsed,
      long timestamp,
      Bytes extraData,
      Bytes32 prevRandao,
      UInt256 baseFeePerGas,
      long blobGasUsed,
      long excessBlobGas,
      Bytes32 parentBeaconBlockRoot) {
    return new BlockHeader(
        parentHash,
        EMPTY_OMMERS_HASH,
        coinbase,
        stateRoot,
        transactionsRoot,
        receiptsRoot,
        logsBloom,
        UInt256.ZERO,
        number,
        gasLimit,
        gasUsed,
        timestamp,
        extraData,
        prevRandao,
        0,
        Objects.requireNonNull(baseFeePerGas, "baseFeePerGas"),
        EMPTY_TRIE_ROOT,
        blobGasUsed,
        excessBlobGas,
        Objects.requireNonNull(parentBeaconBlockRoot, "parentBeaconBlockRoot"));
  }

  /** PREVRANDAO (the mix hash field since the merge). */
  public Bytes32 prevRandao() {
    return mixHash;
  }

  /** True when the header has every Cancun field. */
  public boolean isCancun() {
    return parentBeaconBlockRoot != null;
  }

  /** The blob gas used, 0 before Cancun. */
  public long blobGasUsedOrZero() {
    return blobGasUsed == null ? 0 : blobGasUsed;
  }

  /** The excess blob gas, 0 before Cancun. */
  public long excessBlobGasOrZero() {
    return excessBlobGas == null ? 0 : excessBlobGas;
  }

  /** The base fee, 0 before London. */
  public UInt256 baseFeeOrZero() {
    return baseFeePerGas == null ? UInt256.ZERO : baseFeePerGas;
  }

  /**
   * {@code rlp([parentHash, ommersHash, coinbase, ..., parentBeaconBlockRoot])}, stopping at the
   * first absent field.
   */
  public byte[] encode() {
    List<byte[]> f = new ArrayList<>(20);
    f.add(Rlp.encodeBytes(parentHash));
    f.add(Rlp.encodeBytes(ommersHash));
    f.add(Rlp.encodeBytes(coinbase));
    f.add(Rlp.encodeBytes(stateRoot));
    f.add(Rlp.encodeBytes(transactionsRoot));
    f.add(Rlp.encodeBytes(receiptsRoot));
    f.add(Rlp.encodeBytes(logsBloom));
    f.add(Rlp.encodeBytes(difficulty.toMinimalBytes()));
    f.add(Rlp.encodeBytes(Rlp.minimalBytes(number)));
    f.add(Rlp.encodeBytes(Rlp.minimalBytes(gasLimit)));
    f.add(Rlp.encodeBytes(Rlp.minimalBytes(gasUsed)));
    f.add(Rlp.encodeBytes(Rlp.minimalBytes(timestamp)));
    f.add(Rlp.encodeBytes(extraData));
    f.add(Rlp.encodeBytes(mixHash));
    f.add(Rlp.encodeBytes(longToBytes8(nonce)));
    if (baseFeePerGas != null) f.add(Rlp.encodeBytes(baseFeePerGas.toMinimalBytes()));
    if (withdrawalsRoot != null) f.add(Rlp.encodeBytes(withdrawalsRoot));
    if (blobGasUsed != null) f.add(Rlp.encodeBytes(Rlp.minimalBytes(blobGasUsed)));
    if (excessBlobGas != null) f.add(Rlp.encodeBytes(Rlp.minimalBytes(excessBlobGas)));
    if (parentBeaconBlockRoot != null) f.add(Rlp.encodeBytes(parentBeaconBlockRoot));
    return Rlp.encodeList(f);
  }

  /** keccak256(rlp(header)): the block hash. */
  public Bytes32 hash() {
    return Keccak.hash(encode());
  }

  /**
   * Decodes a header strictly (canonical integers, fixed sizes, 15 to 20 fields, no trailing
   * bytes).
   */
  public static BlockHeader decode(byte[] rlp) {
    RlpReader r = new RlpReader(rlp);
    BlockHeader h = read(r);
    r.requireEnd();
    return h;
  }

  /** Reads one header list from a reader (a block's first item). */
  static BlockHeader read(RlpReader r) {
    r.enterList();
    Bytes32 parentHash = hash32(r, "parent hash");
    Bytes32 ommersHash = hash32(r, "ommers hash");
    Address coinbase = Address.wrapAddress(r.readFixed(20, "coinbase"));
    Bytes32 stateRoot = hash32(r, "state root");
    Bytes32 txRoot = hash32(r, "transactions root");
    Bytes32 receiptsRoot = hash32(r, "receipts root");
    Bytes bloom = Bytes.wrap(r.readFixed(LogsBloom.BYTES, "logs bloom"));
    UInt256 difficulty = UInt256.valueOf(r.readBigInteger(32));
    long number = r.readLong();
    long gasLimit = r.readLong();
    long gasUsed = r.readLong();
    long timestamp = r.readLong();
    Bytes extraData = r.readBytesValue();
    Bytes32 mixHash = hash32(r, "mix hash");
    byte[] nonceBytes = r.readFixed(8, "nonce");
    long nonce = 0;
    for (byte b : nonceBytes) nonce = (nonce << 8) | (b & 0xff);
    UInt256 baseFee = r.hasNext() ? UInt256.valueOf(r.readBigInteger(32)) : null;
    Bytes32 withdrawalsRoot = r.hasNext() ? hash32(r, "withdrawals root") : null;
    Long blobGasUsed = r.hasNext() ? r.readLong() : null;
    Long excessBlobGas = r.hasNext() ? r.readLong() : null;
    Bytes32 beaconRoot = r.hasNext() ? hash32(r, "parent beacon block root") : null;
    if (r.hasNext()) throw new RlpException("block header has more than 20 fields");
    r.exitList();
    return new BlockHeader(
        parentHash,
        ommersHash,
        coinbase,
        stateRoot,
        txRoot,
        receiptsRoot,
        bloom,
        difficulty,
        number,
        gasLimit,
        gasUsed,
        timestamp,
        extraData,
        mixHash,
        nonce,
        baseFee,
        withdrawalsRoot,
        blobGasUsed,
        excessBlobGas,
        beaconRoot);
  }

  private static Bytes32 hash32(RlpReader r, String what) {
    return Bytes32.wrap32(r.readFixed(32, what));
  }

  /** The 8-byte big-endian form of the header nonce. */
  private static byte[] longToBytes8(long v) {
    return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
  }
}
