package io.levity.execution.state;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.rlp.Rlp;
import io.levity.evm.Log;
import java.util.ArrayList;
import java.util.List;

/**
 * The consensus encoding of logs, as receipts carry them, and the logs hash the state tests check.
 */
public final class Logs {
  private Logs() {}

  /** {@code rlp([[address, [topic, ...], data], ...])}. */
  public static byte[] encode(List<Log> logs) {
    List<byte[]> items = new ArrayList<>(logs.size());
    for (Log log : logs) items.add(encode(log));
    return Rlp.encodeList(items);
  }

  /** {@code rlp([address, [topic, ...], data])}. */
  public static byte[] encode(Log log) {
    List<byte[]> topics = new ArrayList<>(log.topics().size());
    for (Bytes32 t : log.topics()) topics.add(Rlp.encodeBytes(t.unsafeArray()));
    return Rlp.encodeList(
        Rlp.encodeBytes(log.address().unsafeArray()),
        Rlp.encodeList(topics),
        Rlp.encodeBytes(log.data().unsafeArray()));
  }

  /** keccak256 of {@link #encode(List)}; the empty list hashes to 0x1dcc4de8...49347. */
  public static Bytes32 hash(List<Log> logs) {
    return Keccak.hash(encode(logs));
  }
}
