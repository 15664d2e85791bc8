package io.levity.node.dev;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.time.TimeSource;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockBuilder;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.block.FeeMarket;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.TrieWorldState;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.node.mempool.Mempool;
import io.levity.node.mempool.MempoolError;
import io.levity.node.mempool.MempoolException;
import io.levity.node.store.RocksDbBlockStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The chain of {@code levity devnet --dev}: one node and no consensus, so a block is sealed the
 * moment it is asked for. With automine on (the default) each accepted transaction is mined into a
 * block of its own before {@code eth_sendRawTransaction} answers, as Hardhat and anvil do; off,
 * transactions wait for {@link #mine}. The state new blocks build on may be edited between blocks
 * ({@link DevState}) and the whole chain rewound to a snapshot ({@link DevSnapshots}). All methods
 * take this object's lock: the dev chain has one writer at a time. Time is read from the injected
 * {@link TimeSource} only.
 */
public final class DevChain {
  /** The most blocks one {@code anvil_mine} call seals. */
  public static final long MAX_BLOCKS_PER_CALL = 10_000;

  private static final int MAX_TXS_PER_BLOCK = 10_000;

  private final RocksDbBlockStore store;
  private final Mempool mempool;
  private final BlockBuilder builder;
  private final TimeSource time;
  private final Address coinbase;
  private final Consumer<Block> mined;
  private final Bytes32 genesisRoot;

  private final List<LongConsumer> rewindListeners = new CopyOnWriteArrayList<>();

  /** Blocks sealed on an edited state: block hash to the root they were executed on. */
  private final Map<Bytes32, Bytes32> builtOnEdited = new ConcurrentHashMap<>();

  private Bytes32 stateRoot;
  private boolean automine = true;
  private long timeOffsetSeconds;
  private Long nextTimestamp;

  /**
   * A dev chain over {@code store} (initialized with its genesis), mining the transactions {@code
   * mempool} holds; {@code mined} hears of each block after it is stored.
   */
  public DevChain(
      long chainId,
      RocksDbBlockStore store,
      Mempool mempool,
      TimeSource time,
      Address coinbase,
      Consumer<Block> mined) {
    this.store = Objects.requireNonNull(store, "store");
    this.mempool = Objects.requireNonNull(mempool, "mempool");
    this.builder = new BlockBuilder(Fork.LEVITY, chainId);
    this.time = Objects.requireNonNull(time, "time");
    this.coinbase = Objects.requireNonNull(coinbase, "coinbase");
    this.mined = Objects.requireNonNull(mined, "mined");
    this.genesisRoot = store.headerByNumber(0).orElseThrow().stateRoot();
    this.stateRoot = head().stateRoot();
  }

  /** The latest block. */
  public BlockHeader head() {
    return store.head().orElseThrow();
  }

  /** Canonical block {@code number}, or null when there is none (rewound meanwhile). */
  public Block blockAt(long number) {
    return store.blockByNumber(number).orElse(null);
  }

  RocksDbBlockStore store() {
    return store;
  }

  Mempool mempool() {
    return mempool;
  }

  /**
   * The state the next block builds on and "latest" reads see: the head's, unless edited since
   * ({@code anvil_setBalance} and friends).
   */
  public synchronized Bytes32 stateRoot() {
    return stateRoot;
  }

  /**
   * The root of the state block {@code blockHash} was executed on when that was not its parent's
   * (the state was edited before it was sealed); traces replay from it.
   */
  public Optional<Bytes32> builtOnEdited(Bytes32 blockHash) {
    return Optional.ofNullable(builtOnEdited.get(blockHash));
  }

  /** The world state at {@code header}: the edited state for the head, else the block's own. */
  public synchronized TrieWorldState stateAt(BlockHeader header) {
    Bytes32 root = header.hash().equals(head().hash()) ? stateRoot : header.stateRoot();
    return TrieWorldState.open(store.keyValueStore(), root);
  }

  public synchronized boolean automine() {
    return automine;
  }

  public synchronized void setAutomine(boolean on) {
    this.automine = on;
  }

  /**
   * Adds a transaction; with automine, seals it into a block before returning. A transaction that
   * cannot go into the next block (a nonce gap, a fee cap below the base fee) is refused then, as
   * Hardhat refuses it, instead of waiting for ever.
   */
  public synchronized void submit(ValidatedTransaction tx, int encodedSize)
      throws MempoolException {
    if (automine) {
      long expected = mempool.pendingNonce(tx.sender());
      if (tx.transaction().nonce() > expected) {
        throw new MempoolException(
            MempoolError.NONCE_TOO_HIGH,
            "expected nonce "
                + expected
                + ", got "
                + tx.transaction().nonce()
                + "; transactions cannot wait behind a gap while automining");
      }
    }
    mempool.add(tx, encodedSize);
    if (!automine) return;
    BlockBuilder.Built built = mineOne(null);
    for (var t : built.block().transactions()) {
      if (t.hash().equals(tx.hash())) return;
    }
    mempool.remove(tx.hash());
    String why =
        built.dropped().stream()
            .filter(d -> d.transaction().hash().equals(tx.hash()))
            .map(d -> d.reason().detail())
            .findFirst()
            .orElse(
                "max fee per gas "
                    + tx.transaction().maxFeePerGas()
                    + " is below the block's base fee "
                    + built.block().header().baseFeeOrZero());
    throw new MempoolException(MempoolError.FEE_TOO_LOW, "not mined: " + why);
  }

  /**
   * Seals {@code count} blocks, {@code intervalSeconds} apart (the first at the next timestamp, or
   * at {@code firstTimestamp} when given), each with what the mempool can include. Timestamps
   * always increase: with interval 0 each block takes the clock's next timestamp, at least one
   * second after its parent's.
   */
  public synchronized List<Block> mine(long count, Long firstTimestamp, long intervalSeconds) {
    if (count < 1 || count > MAX_BLOCKS_PER_CALL)
      throw new IllegalArgumentException(
          "blocks to mine must be in 1.." + MAX_BLOCKS_PER_CALL + ", got " + count);
    if (intervalSeconds < 0) throw new IllegalArgumentException("interval must not be negative");
    List<Block> out = new ArrayList<>();
    Long ts = firstTimestamp;
    for (long i = 0; i < count; i++) {
      Block b = mineOne(ts).block();
      out.add(b);
      // interval 0 (viem's default): each block at the clock's next time, one second apart at least
      ts = intervalSeconds == 0 ? null : b.header().timestamp() + intervalSeconds;
    }
    return out;
  }

  private BlockBuilder.Built mineOne(Long timestamp) {
    BlockHeader parent = head();
    long ts = timestamp != null ? timestamp : nextTimestamp(parent);
    if (ts <= parent.timestamp())
      throw new IllegalArgumentException(
          "timestamp " + ts + " is not after the head's " + parent.timestamp());
    TrieWorldState world = TrieWorldState.open(store.keyValueStore(), stateRoot);
    List<ValidatedTransaction> txs =
        mempool.select(FeeMarket.nextBaseFee(parent), parent.gasLimit(), MAX_TXS_PER_BLOCK).stream()
            .map(Mempool.Entry::tx)
            .toList();
    BlockBuilder.Params params =
        new BlockBuilder.Params(
            coinbase,
            ts,
            Keccak.hash(parent.hash().toArray()),
            parent.gasLimit(),
            Bytes.EMPTY,
            Bytes32.ZERO);
    BlockBuilder.Built built =
        builder.buildValidated(
            world, parent, params, txs, n -> store.canonicalHash(n).orElse(Bytes32.ZERO));
    store.commit(built.block(), built.receipts(), world);
    if (!stateRoot.equals(parent.stateRoot())) builtOnEdited.put(built.block().hash(), stateRoot);
    stateRoot = built.block().header().stateRoot();
    // a block sealed at a chosen time moves the clock there: later blocks continue from it
    timeOffsetSeconds = ts - nowSeconds();
    nextTimestamp = null;
    for (BlockBuilder.Dropped d : built.dropped()) mempool.remove(d.transaction().hash());
    accountsChanged();
    mined.accept(built.block());
    return built;
  }

  private long nextTimestamp(BlockHeader parent) {
    if (nextTimestamp != null) return nextTimestamp;
    return Math.max(parent.timestamp() + 1, nowSeconds() + timeOffsetSeconds);
  }

  private long nowSeconds() {
    return Math.floorDiv(time.epochMillis(), 1000);
  }

  /** Moves the clock forward by {@code seconds}; returns the total offset in seconds. */
  public synchronized long increaseTime(long seconds) {
    if (seconds < 0) throw new IllegalArgumentException("time only moves forward");
    timeOffsetSeconds = Math.addExact(timeOffsetSeconds, seconds);
    return timeOffsetSeconds;
  }

  /** The next block's timestamp; it must come after the head's. */
  public synchronized void setNextTimestamp(long seconds) {
    long parent = head().timestamp();
    if (seconds <= parent)
      throw new IllegalArgumentException(
          "timestamp " + seconds + " is not after the head's " + parent);
    nextTimestamp = seconds;
  }

  /** The state and clock a snapshot restores. */
  record Point(long head, Bytes32 stateRoot, long timeOffset, Long nextTimestamp) {}

  synchronized Point point() {
    return new Point(head().number(), stateRoot, timeOffsetSeconds, nextTimestamp);
  }

  /** Tells {@code listener} the block number the chain went back to, after each rewind. */
  public void onRewind(LongConsumer listener) {
    rewindListeners.add(listener);
  }

  /** Rewinds to {@code p}: later blocks are deleted, the mempool emptied. */
  synchronized void restore(Point p) {
    store.rewindTo(p.head());
    for (var l : rewindListeners) l.accept(p.head());
    stateRoot = p.stateRoot();
    timeOffsetSeconds = p.timeOffset();
    nextTimestamp = p.nextTimestamp();
    for (Mempool.Entry e : mempool.all()) mempool.remove(e.transaction().hash());
    accountsChanged();
  }

  /** Back to block 0 with the genesis state, automine on and the clock as it is. */
  synchronized void reset() {
    restore(new Point(0, genesisRoot, 0, null));
    automine = true;
  }

  /** Applies {@code edit} to the state the next block builds on. */
  synchronized void edit(Consumer<TrieWorldState> edit) {
    TrieWorldState world = TrieWorldState.open(store.keyValueStore(), stateRoot);
    world.beginTransaction();
    edit.accept(world);
    stateRoot = world.commit();
    accountsChanged();
  }

  private void accountsChanged() {
    mempool.onNewState(new StateAccounts(store.keyValueStore(), stateRoot), head().gasLimit());
  }
}
