package io.levity.execution.block;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpException;
import io.levity.core.rlp.RlpReader;
import io.levity.core.tx.TransactionType;
import io.levity.evm.Log;
import io.levity.execution.state.Logs;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A transaction receipt (EIP-658 status form): {@code rlp([status, cumulativeGasUsed, logsBloom,
 * logs])}, prefixed with the transaction's type byte for typed envelopes (EIP-2718), bare for
 * legacy transactions.
 *
 * @param status 1 for success, 0 for a revert or halt
 * @param cumulativeGasUsed gas used by this and every earlier transaction of the block
 * @param logsBloom 256 bytes, the bloom of {@code logs}
 */
public record Receipt(
    TransactionType type, int status, long cumulativeGasUsed, Bytes logsBloom, List<Log> logs) {
  public Receipt {
    Objects.requireNonNull(type, "type");
    if (status != 0 && status != 1)
      throw new IllegalArgumentException("status must be 0 or 1: " + status);
    if (logsBloom.size() != LogsBloom.BYTES)
      throw new IllegalArgumentException("bloom must be 256 bytes");
    logs = List.copyOf(logs);
  }

  /** A receipt whose bloom is computed from its logs. */
  public static Receipt of(
      TransactionType type, int status, long cumulativeGasUsed, List<Log> logs) {
    return new Receipt(type, status, cumulativeGasUsed, LogsBloom.of(logs), logs);
  }

  public boolean isSuccess() {
    return status == 1;
  }

  /** The consensus encoding, as the receipts trie stores it. */
  public byte[] encode() {
    byte[] body =
        Rlp.encodeList(
            Rlp.encodeBytes(Rlp.minimalBytes(status)),
            Rlp.encodeBytes(Rlp.minimalBytes(cumulativeGasUsed)),
            Rlp.encodeBytes(logsBloom),
            Logs.encode(logs));
    if (type == TransactionType.LEGACY) return body;
    byte[] out = new byte[body.length + 1];
    out[0] = (byte) type.code();
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  /** Decodes {@link #encode()}'s output strictly. */
  public static Receipt decode(byte[] encoded) {
    if (encoded.length == 0) throw new RlpException("empty receipt");
    int first = encoded[0] & 0xff;
    TransactionType type;
    int from = 0;
    if (first >= 0xc0) {
      type = TransactionType.LEGACY;
    } else {
      type =
          switch (first) {
            case 1 -> TransactionType.ACCESS_LIST;
            case 2 -> TransactionType.DYNAMIC_FEE;
            case 3 -> TransactionType.BLOB;
            default ->
                throw new RlpException("unknown receipt type 0x" + Integer.toHexString(first));
          };
      from = 1;
    }
    RlpReader r = new RlpReader(encoded, from, encoded.length);
    r.enterList();
    long status = r.readLong();
    if (status > 1) throw new RlpException("receipt status must be 0 or 1, got " + status);
    long cumulative = r.readLong();
    Bytes bloom = Bytes.wrap(r.readFixed(LogsBloom.BYTES, "logs bloom"));
    List<Log> logs = readLogs(r);
    r.exitList();
    r.requireEnd();
    return new Receipt(type, (int) status, cumulative, bloom, logs);
  }

  /** Reads {@code [[address, [topic, ...], data], ...]}. */
  static List<Log> readLogs(RlpReader r) {
    List<Log> logs = new ArrayList<>();
    r.enterList();
    while (r.hasNext()) {
      r.enterList();
      Address address = Address.wrapAddress(r.readFixed(20, "log address"));
      List<Bytes32> topics = new ArrayList<>();
      r.enterList();
      while (r.hasNext()) topics.add(Bytes32.wrap32(r.readFixed(32, "log topic")));
      r.exitList();
      Bytes data = r.readBytesValue();
      r.exitList();
      logs.add(new Log(address, topics, data));
    }
    r.exitList();
    return logs;
  }
}
