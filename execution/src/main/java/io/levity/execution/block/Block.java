package io.levity.execution.block;

import io.levity.core.bytes.Bytes32;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpException;
import io.levity.core.rlp.RlpReader;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionDecoder;
import io.levity.core.tx.TransactionType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A block: its header and its transactions in execution order. Encoded as Ethereum's {@code
 * rlp([header, [tx, ...], [], []])}: no ommers and (from Shanghai) an empty withdrawals list; a
 * typed transaction is an RLP string holding {@code type || payload}, a legacy one its RLP list.
 */
public record Block(BlockHeader header, List<Transaction> transactions) {
  public Block {
    Objects.requireNonNull(header, "header");
    transactions = List.copyOf(transactions);
  }

  public Bytes32 hash() {
    return header.hash();
  }

  public long number() {
    return header.number();
  }

  public byte[] encode() {
    List<byte[]> txs = new ArrayList<>(transactions.size());
    for (Transaction tx : transactions) {
      byte[] e = tx.encode();
      txs.add(tx.type() == TransactionType.LEGACY ? e : Rlp.encodeBytes(e));
    }
    byte[] header = this.header.encode();
    byte[] body = Rlp.encodeList(txs);
    if (this.header.withdrawalsRoot() == null) return Rlp.encodeList(header, body, Rlp.emptyList());
    return Rlp.encodeList(header, body, Rlp.emptyList(), Rlp.emptyList());
  }

  /**
   * Decodes {@link #encode()}'s form strictly; ommers and withdrawals must be empty (Levity has
   * neither).
   *
   * @throws RlpException for malformed RLP or a body this chain cannot have
   * @throws io.levity.core.tx.InvalidTransactionException for a malformed transaction
   */
  public static Block decode(byte[] rlp) {
    RlpReader r = new RlpReader(rlp);
    r.enterList();
    BlockHeader header = BlockHeader.read(r);
    List<Transaction> txs = new ArrayList<>();
    r.enterList();
    while (r.hasNext()) {
      if (r.nextIsList()) {
        int[] span = r.skipItem();
        txs.add(TransactionDecoder.decode(Arrays.copyOfRange(rlp, span[0], span[1])));
      } else {
        txs.add(TransactionDecoder.decode(r.readBytes()));
      }
    }
    r.exitList();
    if (r.enterList() != 0) throw new RlpException("block has ommers");
    r.exitList();
    if (header.withdrawalsRoot() != null) {
      if (!r.hasNext())
        throw new RlpException("block with a withdrawals root has no withdrawals list");
      if (r.enterList() != 0) throw new RlpException("block has withdrawals");
      r.exitList();
    }
    r.exitList();
    r.requireEnd();
    return new Block(header, txs);
  }
}
