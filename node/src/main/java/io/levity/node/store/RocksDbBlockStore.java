package io.levity.node.store;

import io.levity.core.bytes.Bytes32;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpReader;
import io.levity.core.tx.Transaction;
import io.levity.evm.Log;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.block.Genesis;
import io.levity.execution.block.Receipt;
import io.levity.execution.state.TrieWorldState;
import io.levity.trie.KeyValueStore;
import io.levity.trie.RocksDbKeyValueStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link BlockStore} in a {@link KeyValueStore}: RocksDB in production ({@link #open(Path)}),
 * shared with the world state. State trie nodes are keyed by their 32-byte hash and code by {@code
 * 'c' || hash} (see TrieWorldState); the chain's keys have other prefixes and lengths, so they
 * never collide:
 *
 * <pre>
 *   'b' || blockHash(32)        -> block RLP (header, transactions, [], [])
 *   'H' || blockHash(32)        -> the header's RLP alone (eth_getLogs reads blooms from it)
 *   'r' || blockHash(32)        -> rlp([receipt, ...]), each receipt's consensus encoding as a string
 *   'n' || number(8, big-endian) -> canonical block hash
 *   't' || txHash(32)           -> rlp([blockHash, blockNumber, index])
 *   "head"                      -> the head block's hash
 * </pre>
 */
public final class RocksDbBlockStore implements BlockStore {
  static final byte BLOCK = 'b';
  static final byte HEADER = 'H';
  static final byte RECEIPTS = 'r';
  static final byte CANONICAL = 'n';
  static final byte TX_LOCATION = 't';
  static final byte[] HEAD = {'h', 'e', 'a', 'd'};

  private final KeyValueStore store;
  private volatile BlockHeader head;

  /**
   * Stored blocks and receipts never change, so the last few decoded ones are kept (RPC asks for
   * them a lot), and each block stored lately, since it is asked for next.
   */
  private final Lru<Bytes32, Block> blocks = new Lru<>(32);

  private final Lru<Bytes32, List<Receipt>> receiptLists = new Lru<>(32);
  private final Lru<Bytes32, List<Bytes32>> txHashes = new Lru<>(32);

  private static final class Lru<K, V> {
    private final LinkedHashMap<K, V> map;

    Lru(int size) {
      map =
          new LinkedHashMap<>(size * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> e) {
              return size() > size;
            }
          };
    }

    synchronized V get(K k) {
      return map.get(k);
    }

    synchronized void put(K k, V v) {
      map.put(k, v);
    }

    synchronized void clear() {
      map.clear();
    }
  }

  /** A block store over any key-value store (the store is closed with it). */
  public RocksDbBlockStore(KeyValueStore store) {
    this.store = Objects.requireNonNull(store, "store");
    this.head =
        store
            .get(HEAD)
            .map(
                h ->
                    readBlock(Bytes32.wrap32(h))
                        .orElseThrow(
                            () ->
                                new IllegalStateException(
                                    "the head block " + Bytes32.wrap32(h) + " is missing"))
                        .header())
            .orElse(null);
  }

  /** Opens (creating if needed) a RocksDB database in dir with synchronous writes. */
  public static RocksDbBlockStore open(Path dir) {
    return new RocksDbBlockStore(
        RocksDbKeyValueStore.open(
            dir, RocksDbKeyValueStore.Config.defaults().withSyncWrites(true)));
  }

  /** The key-value store holding the chain and the world state. */
  public KeyValueStore keyValueStore() {
    return store;
  }

  @Override
  public Optional<BlockHeader> head() {
    return Optional.ofNullable(head);
  }

  @Override
  public Optional<Block> block(Bytes32 hash) {
    return readBlock(hash);
  }

  private Optional<Block> readBlock(Bytes32 hash) {
    Block cached = blocks.get(hash);
    if (cached != null) return Optional.of(cached);
    Optional<Block> b = store.get(key(BLOCK, hash.unsafeArray())).map(Block::decode);
    b.ifPresent(x -> blocks.put(hash, x));
    return b;
  }

  @Override
  public Optional<Block> blockByNumber(long number) {
    return canonicalHash(number).flatMap(this::readBlock);
  }

  /** Reads the header alone; blocks stored before headers were kept apart are decoded whole. */
  @Override
  public Optional<BlockHeader> headerByNumber(long number) {
    return canonicalHash(number)
        .flatMap(
            h -> {
              Block cached = blocks.get(h);
              if (cached != null) return Optional.of(cached.header());
              Optional<BlockHeader> header =
                  store.get(key(HEADER, h.unsafeArray())).map(BlockHeader::decode);
              return header.isPresent() ? header : readBlock(h).map(Block::header);
            });
  }

  @Override
  public Optional<Bytes32> canonicalHash(long number) {
    return store.get(numberKey(number)).map(Bytes32::wrap32);
  }

  @Override
  public Optional<List<Receipt>> receipts(Bytes32 blockHash) {
    List<Receipt> cached = receiptLists.get(blockHash);
    if (cached != null) return Optional.of(cached);
    Optional<List<Receipt>> r =
        store.get(key(RECEIPTS, blockHash.unsafeArray())).map(v -> List.copyOf(decodeReceipts(v)));
    r.ifPresent(x -> receiptLists.put(blockHash, x));
    return r;
  }

  @Override
  public Optional<TransactionLocation> transactionLocation(Bytes32 transactionHash) {
    return store
        .get(key(TX_LOCATION, transactionHash.unsafeArray()))
        .map(
            v -> {
              RlpReader r = new RlpReader(v);
              r.enterList();
              Bytes32 blockHash = Bytes32.wrap32(r.readFixed(32, "block hash"));
              long number = r.readLong();
              int index = Math.toIntExact(r.readLong());
              r.exitList();
              r.requireEnd();
              return new TransactionLocation(blockHash, number, index);
            });
  }

  @Override
  public List<IndexedLog> logs(Bytes32 blockHash) {
    Optional<Block> block = readBlock(blockHash);
    Optional<List<Receipt>> receipts = receipts(blockHash);
    if (block.isEmpty() || receipts.isEmpty()) return List.of();
    List<Bytes32> hashes = txHashes.get(blockHash);
    if (hashes == null) {
      hashes = block.get().transactions().stream().map(Transaction::hash).toList();
      txHashes.put(blockHash, hashes);
    }
    List<IndexedLog> out = new ArrayList<>();
    int logIndex = 0;
    for (int i = 0; i < hashes.size(); i++) {
      Bytes32 txHash = hashes.get(i);
      for (Log log : receipts.get().get(i).logs()) {
        out.add(new IndexedLog(log, blockHash, block.get().number(), txHash, i, logIndex++));
      }
    }
    return out;
  }

  @Override
  public synchronized TrieWorldState initialize(Genesis genesis) {
    Block block0 = genesis.block();
    if (head != null) {
      Optional<Bytes32> stored = canonicalHash(0);
      if (stored.isEmpty() || !stored.get().equals(block0.hash())) {
        throw new IllegalStateException(
            "the store holds a chain with genesis "
                + stored.orElse(null)
                + ", not "
                + block0.hash()
                + "; use another data directory");
      }
      return headState();
    }
    TrieWorldState state = TrieWorldState.empty(store);
    genesis.applyTo(state);
    writeBlock(block0, List.of(), state, true, batch -> {});
    return TrieWorldState.open(store, block0.header().stateRoot());
  }

  @Override
  public TrieWorldState headState() {
    BlockHeader h = head;
    if (h == null) throw new IllegalStateException("the store has no genesis block yet");
    return TrieWorldState.open(store, h.stateRoot());
  }

  @Override
  public synchronized void commit(Block block, List<Receipt> receipts, TrieWorldState state) {
    commit(block, receipts, state, batch -> {});
  }

  /**
   * Like {@link #commit(Block, List, TrieWorldState)}, with {@code extra} adding its own entries
   * (the consensus ledger's, for one) to the same atomic batch, so the block and what committed it
   * are stored together or not at all.
   */
  public synchronized void commit(
      Block block,
      List<Receipt> receipts,
      TrieWorldState state,
      java.util.function.Consumer<KeyValueStore.WriteBatch> extra) {
    BlockHeader h = head;
    if (h == null) throw new IllegalStateException("the store has no genesis block yet");
    if (block.number() != h.number() + 1 || !block.header().parentHash().equals(h.hash())) {
      throw new IllegalArgumentException(
          "block "
              + block.number()
              + " ("
              + block.hash()
              + ") does not extend the"
              + " head "
              + h.number()
              + " ("
              + h.hash()
              + ")");
    }
    writeBlock(block, receipts, state, false, extra);
  }

  private void writeBlock(
      Block block,
      List<Receipt> receipts,
      TrieWorldState state,
      boolean genesis,
      java.util.function.Consumer<KeyValueStore.WriteBatch> extra) {
    if (receipts.size() != block.transactions().size()) {
      throw new IllegalArgumentException(
          block.transactions().size() + " transactions but " + receipts.size() + " receipts");
    }
    Bytes32 hash = block.hash();
    try (KeyValueStore.WriteBatch batch = store.newBatch()) {
      Bytes32 root = state.commit(batch);
      if (!root.equals(block.header().stateRoot())) {
        throw new IllegalArgumentException(
            "the state root "
                + root
                + " differs from block "
                + block.number()
                + "'s "
                + block.header().stateRoot()
                + (genesis ? " (genesis)" : ""));
      }
      batch.put(key(BLOCK, hash.unsafeArray()), block.encode());
      batch.put(key(HEADER, hash.unsafeArray()), block.header().encode());
      batch.put(key(RECEIPTS, hash.unsafeArray()), encodeReceipts(receipts));
      batch.put(numberKey(block.number()), hash.toArray());
      List<Transaction> txs = block.transactions();
      for (int i = 0; i < txs.size(); i++) {
        batch.put(
            key(TX_LOCATION, txs.get(i).hash().unsafeArray()),
            Rlp.encodeList(
                Rlp.encodeBytes(hash), Rlp.encodeLong(block.number()), Rlp.encodeLong(i)));
      }
      batch.put(HEAD, hash.toArray());
      extra.accept(batch);
      batch.write();
    }
    head = block.header();
    // Clients ask for a new block and its receipts right away: keep them decoded.
    blocks.put(hash, block);
    receiptLists.put(hash, List.copyOf(receipts));
  }

  /**
   * Makes block {@code number} the head again, deleting every later block with its receipts and
   * indexes in one atomic write. Only a development chain rewinds ({@code evm_revert}, {@code
   * anvil_reset}): a BFT chain's committed blocks are final. State trie nodes stay (they are shared
   * and content-addressed), so the state at any kept block is still there.
   *
   * @throws IllegalArgumentException when {@code number} is above the head or negative
   */
  public synchronized void rewindTo(long number) {
    BlockHeader h = head;
    if (h == null) throw new IllegalStateException("the store has no genesis block yet");
    if (number < 0 || number > h.number())
      throw new IllegalArgumentException(
          "cannot rewind to block " + number + ": the head is " + h.number());
    if (number == h.number()) return;
    BlockHeader target = headerByNumber(number).orElseThrow();
    try (KeyValueStore.WriteBatch batch = store.newBatch()) {
      for (long n = h.number(); n > number; n--) {
        Bytes32 hash = canonicalHash(n).orElseThrow();
        Block b = readBlock(hash).orElseThrow();
        for (Transaction tx : b.transactions())
          batch.delete(key(TX_LOCATION, tx.hash().unsafeArray()));
        batch.delete(key(BLOCK, hash.unsafeArray()));
        batch.delete(key(HEADER, hash.unsafeArray()));
        batch.delete(key(RECEIPTS, hash.unsafeArray()));
        batch.delete(numberKey(n));
      }
      batch.put(HEAD, target.hash().toArray());
      batch.write();
    }
    head = target;
    blocks.clear();
    receiptLists.clear();
    txHashes.clear();
  }

  static byte[] encodeReceipts(List<Receipt> receipts) {
    List<byte[]> items = new ArrayList<>(receipts.size());
    for (Receipt r : receipts) items.add(Rlp.encodeBytes(r.encode()));
    return Rlp.encodeList(items);
  }

  static List<Receipt> decodeReceipts(byte[] rlp) {
    RlpReader r = new RlpReader(rlp);
    r.enterList();
    List<Receipt> out = new ArrayList<>();
    while (r.hasNext()) out.add(Receipt.decode(r.readBytes()));
    r.exitList();
    r.requireEnd();
    return out;
  }

  private static byte[] key(byte prefix, byte[] id) {
    byte[] k = new byte[id.length + 1];
    k[0] = prefix;
    System.arraycopy(id, 0, k, 1, id.length);
    return k;
  }

  private static byte[] numberKey(long number) {
    byte[] k = new byte[9];
    k[0] = CANONICAL;
    for (int i = 8; i >= 1; i--) {
      k[i] = (byte) number;
      number >>>= 8;
    }
    return k;
  }

  @Override
  public void close() {
    store.close();
  }
}
