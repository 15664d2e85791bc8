package io.levity.execution.block;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.rlp.Rlp;
import io.levity.core.tx.Transaction;
import io.levity.trie.MerklePatriciaTrie;
import java.util.List;

/**
 * The per-block commitments over ordered lists: the transactions root and the receipts root, each a
 * trie keyed by {@code rlp(index)} whose values are the consensus encodings ({@code type ||
 * rlp(...)} for typed envelopes), and the logs bloom of a block.
 */
public final class BlockRoots {
  private BlockRoots() {}

  public static Bytes32 transactionsRoot(List<Transaction> transactions) {
    MerklePatriciaTrie trie = MerklePatriciaTrie.inMemory();
    for (int i = 0; i < transactions.size(); i++)
      trie.put(indexKey(i), transactions.get(i).encode());
    return trie.rootHash();
  }

  public static Bytes32 receiptsRoot(List<Receipt> receipts) {
    MerklePatriciaTrie trie = MerklePatriciaTrie.inMemory();
    for (int i = 0; i < receipts.size(); i++) trie.put(indexKey(i), receipts.get(i).encode());
    return trie.rootHash();
  }

  /** The union of the receipts' blooms. */
  public static Bytes logsBloom(List<Receipt> receipts) {
    byte[] bloom = new byte[LogsBloom.BYTES];
    for (Receipt r : receipts) LogsBloom.orInto(bloom, r.logsBloom());
    return Bytes.wrap(bloom);
  }

  /** The trie key of the i-th item: rlp(i), so index 0 is 0x80. */
  static byte[] indexKey(int i) {
    return Rlp.encodeLong(i);
  }
}
