package io.levity.node.runtime;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpException;
import io.levity.core.rlp.RlpReader;
import java.util.ArrayList;
import java.util.List;

/**
 * What consensus orders: the leader's proposed timestamp (seconds), its fee recipient, and an
 * ordered list of raw signed transactions, as RLP {@code [timestamp, coinbase(20 bytes), [tx,
 * ...]]}. Every node turns a committed payload into the same execution block (see {@link
 * ChainExecutor}), so no block header has to be trusted from the leader.
 */
public record Payload(long timestamp, Address coinbase, List<Bytes> transactions) {
  /** What a certified payload that does not decode is executed as, on every node alike. */
  public static final Payload EMPTY = new Payload(0, Address.ZERO, List.of());

  public Payload {
    if (timestamp < 0) throw new IllegalArgumentException("negative timestamp");
    transactions = List.copyOf(transactions);
  }

  public Bytes encode() {
    List<byte[]> txs = new ArrayList<>(transactions.size());
    for (Bytes t : transactions) txs.add(Rlp.encodeBytes(t));
    return Bytes.wrap(
        Rlp.encodeList(Rlp.encodeLong(timestamp), Rlp.encodeBytes(coinbase), Rlp.encodeList(txs)));
  }

  /** Strict decoding; throws {@link io.levity.core.rlp.RlpException} on anything non-canonical. */
  public static Payload decode(Bytes encoded) {
    RlpReader r = new RlpReader(encoded.toArray());
    r.enterList();
    long ts = r.readLong();
    if (ts < 0) throw new RlpException("timestamp out of range");
    Address coinbase = Address.wrapAddress(r.readFixed(20, "coinbase"));
    r.enterList();
    List<Bytes> txs = new ArrayList<>();
    while (r.hasNext()) txs.add(r.readBytesValue());
    r.exitList();
    r.exitList();
    r.requireEnd();
    return new Payload(ts, coinbase, txs);
  }
}
