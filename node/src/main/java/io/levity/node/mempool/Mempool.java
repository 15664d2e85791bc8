package io.levity.node.mempool;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.core.tx.BlobTransaction;
import io.levity.core.tx.Transaction;
import io.levity.execution.tx.ValidatedTransaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Transactions waiting for a block: one nonce-ordered queue per sender, fee priority across senders
 * (the EIP-1559 tip at the current base fee), replacement with a price bump, global and per-sender
 * limits with eviction of the lowest tip. Transactions arrive already checked without state ({@link
 * ValidatedTransaction}); the mempool adds the checks against the latest committed state (nonce,
 * balance). Thread-safe (one lock).
 */
public final class Mempool {
  /** A transaction in the pool. */
  public record Entry(ValidatedTransaction tx, int size, long sequence) {
    public Transaction transaction() {
      return tx.transaction();
    }

    public Address sender() {
      return tx.sender();
    }

    public long nonce() {
      return tx.transaction().nonce();
    }
  }

  /** What {@link #add} did. */
  public enum Added {
    NEW,
    REPLACED
  }

  private final MempoolConfig config;
  private final List<Runnable> addListeners = new CopyOnWriteArrayList<>();
  private final Map<Address, TreeMap<Long, Entry>> bySender = new HashMap<>();
  private final Map<Bytes32, Entry> byHash = new HashMap<>();
  private AccountReader state;
  private long blockGasLimit;
  private UInt256 minFeePerGas = UInt256.ZERO;
  private long sequence;

  public Mempool(MempoolConfig config, AccountReader state, long blockGasLimit) {
    this.config = config;
    this.state = state;
    this.blockGasLimit = blockGasLimit;
  }

  /**
   * Transactions whose max fee per gas is below this are refused (for example the current base
   * fee).
   */
  public synchronized void setMinFeePerGas(UInt256 min) {
    this.minFeePerGas = min;
  }

  /**
   * Runs {@code listener} after each transaction {@link #add} takes in (new or replacing), on the
   * adding thread and outside the pool's lock: block pacing wakes on it instead of polling. Keep it
   * cheap; it must not throw.
   */
  public void onTransactionsAdded(Runnable listener) {
    addListeners.add(listener);
  }

  /**
   * Takes in a transaction checked without state, after the checks against the committed state;
   * throws when it is refused.
   */
  public Added add(ValidatedTransaction vtx, int encodedSize) throws MempoolException {
    Added added = addLocked(vtx, encodedSize);
    for (Runnable l : addListeners) l.run();
    return added;
  }

  private synchronized Added addLocked(ValidatedTransaction vtx, int encodedSize)
      throws MempoolException {
    Transaction tx = vtx.transaction();
    if (encodedSize > config.maxTransactionBytes()) {
      throw new MempoolException(
          MempoolError.OVERSIZED, encodedSize + " bytes > " + config.maxTransactionBytes());
    }
    if (byHash.containsKey(vtx.hash()))
      throw new MempoolException(MempoolError.ALREADY_KNOWN, null);
    if (Long.compareUnsigned(tx.gasLimit(), blockGasLimit) > 0) {
      throw new MempoolException(
          MempoolError.GAS_LIMIT_EXCEEDS_BLOCK,
          Long.toUnsignedString(tx.gasLimit()) + " > " + blockGasLimit);
    }
    if (tx.maxFeePerGas().compareTo(minFeePerGas) < 0) {
      throw new MempoolException(
          MempoolError.FEE_TOO_LOW, tx.maxFeePerGas() + " < " + minFeePerGas);
    }
    Address sender = vtx.sender();
    long accountNonce = state.nonce(sender);
    if (Long.compareUnsigned(tx.nonce(), accountNonce) < 0) {
      throw new MempoolException(
          MempoolError.NONCE_TOO_LOW, "next nonce " + accountNonce + ", tx nonce " + tx.nonce());
    }
    if (tx.nonce() - accountNonce >= config.maxPerSender()) {
      throw new MempoolException(
          MempoolError.NONCE_TOO_HIGH,
          "next nonce "
              + accountNonce
              + ", tx nonce "
              + tx.nonce()
              + ", at most "
              + config.maxPerSender()
              + " ahead");
    }
    UInt256 cost = maxCost(tx);
    UInt256 balance = state.balance(sender);
    if (cost == null || balance.compareTo(cost) < 0) {
      throw new MempoolException(
          MempoolError.INSUFFICIENT_FUNDS,
          "balance " + balance + ", cost " + (cost == null ? "> 2^256" : cost.toString()));
    }
    TreeMap<Long, Entry> queue = bySender.get(sender);
    Entry existing = queue == null ? null : queue.get(tx.nonce());
    Entry entry = new Entry(vtx, encodedSize, sequence++);
    if (existing != null) {
      if (!bumped(existing.transaction(), tx)) {
        throw new MempoolException(
            MempoolError.REPLACEMENT_UNDERPRICED,
            "both fee caps must rise by " + config.priceBumpPercent() + "%");
      }
      byHash.remove(existing.tx().hash());
      queue.put(tx.nonce(), entry);
      byHash.put(vtx.hash(), entry);
      return Added.REPLACED;
    }
    if (queue != null && queue.size() >= config.maxPerSender()) {
      throw new MempoolException(MempoolError.SENDER_LIMIT, queue.size() + " waiting");
    }
    if (byHash.size() >= config.maxTransactions() && !evictCheaperThan(tx)) {
      throw new MempoolException(MempoolError.POOL_FULL, byHash.size() + " transactions");
    }
    bySender
        .computeIfAbsent(sender, a -> new TreeMap<>(Long::compareUnsigned))
        .put(tx.nonce(), entry);
    byHash.put(vtx.hash(), entry);
    return Added.NEW;
  }

  /**
   * Picks transactions for a block: highest tip first across senders, each sender's in nonce order
   * starting at its account nonce without gaps, skipping those whose fee cap is below the base fee,
   * up to the gas limit.
   */
  public synchronized List<Entry> select(UInt256 baseFee, long gasLimit, int maxCount) {
    return select(baseFee, gasLimit, maxCount, Set.of());
  }

  /**
   * Like {@link #select(UInt256, long, int)}, passing over the transactions in {@code inFlight}
   * (already in a proposed block that has not committed yet) as if they had been picked: they take
   * no gas, and each sender's queue goes on after them in nonce order.
   */
  public synchronized List<Entry> select(
      UInt256 baseFee, long gasLimit, int maxCount, Set<Bytes32> inFlight) {
    return select(baseFee, gasLimit, maxCount, Long.MAX_VALUE, inFlight);
  }

  /**
   * Like {@link #select(UInt256, long, int, Set)}, also up to {@code maxBytes} of encoded
   * transactions ({@link Entry#size}): one that does not fit the gas or the bytes left waits for a
   * later block (with its sender's later ones) and the others go on, so no transaction, however
   * large, holds up the rest.
   */
  public synchronized List<Entry> select(
      UInt256 baseFee, long gasLimit, int maxCount, long maxBytes, Set<Bytes32> inFlight) {
    record Head(Entry e, UInt256 tip) {}
    PriorityQueue<Head> heads =
        new PriorityQueue<>(
            (a, b) -> {
              int c = b.tip().compareTo(a.tip());
              return c != 0 ? c : Long.compare(a.e().sequence(), b.e().sequence());
            });
    for (Map.Entry<Address, TreeMap<Long, Entry>> s : bySender.entrySet()) {
      Entry first = s.getValue().get(state.nonce(s.getKey()));
      if (first != null && eligible(first, baseFee))
        heads.add(new Head(first, first.transaction().effectivePriorityFee(baseFee)));
    }
    List<Entry> out = new ArrayList<>();
    long gasLeft = gasLimit;
    long bytesLeft = maxBytes;
    while (!heads.isEmpty() && out.size() < maxCount) {
      Head h = heads.poll();
      Entry e = h.e();
      if (!inFlight.contains(e.tx().hash())) {
        if (Long.compareUnsigned(e.transaction().gasLimit(), gasLeft) > 0 || e.size() > bytesLeft)
          continue; // waits for a later block
        out.add(e);
        gasLeft -= e.transaction().gasLimit();
        bytesLeft -= e.size();
      }
      Entry next = bySender.get(e.sender()).get(e.nonce() + 1);
      if (next != null && eligible(next, baseFee))
        heads.add(new Head(next, next.transaction().effectivePriorityFee(baseFee)));
    }
    return out;
  }

  /**
   * After a block commits: drops transactions whose nonce is now used and those the sender can no
   * longer afford, reading the new state.
   */
  public synchronized void onNewState(AccountReader newState, long newBlockGasLimit) {
    this.state = newState;
    this.blockGasLimit = newBlockGasLimit;
    Iterator<Map.Entry<Address, TreeMap<Long, Entry>>> it = bySender.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Address, TreeMap<Long, Entry>> s = it.next();
      long nonce = newState.nonce(s.getKey());
      UInt256 balance = newState.balance(s.getKey());
      TreeMap<Long, Entry> q = s.getValue();
      Iterator<Entry> entries = q.values().iterator();
      while (entries.hasNext()) {
        Entry e = entries.next();
        UInt256 cost = maxCost(e.transaction());
        if (Long.compareUnsigned(e.nonce(), nonce) < 0
            || cost == null
            || balance.compareTo(cost) < 0) {
          byHash.remove(e.tx().hash());
          entries.remove();
        }
      }
      if (q.isEmpty()) it.remove();
    }
  }

  /** Removes one transaction (for example when its execution was rejected); true if it was here. */
  public synchronized boolean remove(Bytes32 hash) {
    Entry e = byHash.remove(hash);
    if (e == null) return false;
    TreeMap<Long, Entry> q = bySender.get(e.sender());
    q.remove(e.nonce());
    if (q.isEmpty()) bySender.remove(e.sender());
    return true;
  }

  public synchronized Optional<Entry> get(Bytes32 hash) {
    return Optional.ofNullable(byHash.get(hash));
  }

  public synchronized boolean contains(Bytes32 hash) {
    return byHash.containsKey(hash);
  }

  public synchronized int size() {
    return byHash.size();
  }

  /**
   * The next nonce the sender would use counting its contiguous waiting transactions ("pending"
   * nonce).
   */
  public synchronized long pendingNonce(Address sender) {
    long n = state.nonce(sender);
    TreeMap<Long, Entry> q = bySender.get(sender);
    if (q == null) return n;
    while (q.containsKey(n)) n++;
    return n;
  }

  public synchronized List<Entry> all() {
    List<Entry> out = new ArrayList<>();
    for (TreeMap<Long, Entry> q : bySender.values()) out.addAll(q.values());
    return out;
  }

  private boolean eligible(Entry e, UInt256 baseFee) {
    return e.transaction().maxFeePerGas().compareTo(baseFee) >= 0;
  }

  private boolean bumped(Transaction old, Transaction neu) {
    return neu.maxFeePerGas().compareTo(bump(old.maxFeePerGas())) >= 0
        && neu.maxPriorityFeePerGas().compareTo(bump(old.maxPriorityFeePerGas())) >= 0;
  }

  private UInt256 bump(UInt256 v) {
    UInt256 scaled = v.multiplyExact(UInt256.valueOf(100L + config.priceBumpPercent()));
    return scaled == null ? UInt256.MAX : scaled.divide(UInt256.valueOf(100));
  }

  /**
   * Evicts the waiting transaction with the lowest tip (taking each sender's highest nonce, so no
   * gap opens) if it tips less than the newcomer; true if room was made.
   */
  private boolean evictCheaperThan(Transaction newcomer) {
    Entry victim = null;
    for (TreeMap<Long, Entry> q : bySender.values()) {
      Entry last = q.lastEntry().getValue();
      if (victim == null
          || compareTips(last.transaction(), victim.transaction()) < 0
          || (compareTips(last.transaction(), victim.transaction()) == 0
              && last.sequence() > victim.sequence())) {
        victim = last;
      }
    }
    if (victim == null || compareTips(victim.transaction(), newcomer) >= 0) return false;
    remove(victim.tx().hash());
    return true;
  }

  private static int compareTips(Transaction a, Transaction b) {
    int c = a.maxPriorityFeePerGas().compareTo(b.maxPriorityFeePerGas());
    return c != 0 ? c : a.maxFeePerGas().compareTo(b.maxFeePerGas());
  }

  /** gasLimit * maxFeePerGas + value (+ blob gas * max blob fee); null on overflow. */
  static UInt256 maxCost(Transaction tx) {
    UInt256 gas = new UInt256(0, 0, 0, tx.gasLimit()); // limbs are unsigned
    UInt256 cost = gas.multiplyExact(tx.maxFeePerGas());
    if (cost == null) return null;
    cost = cost.addExact(tx.value());
    if (cost == null) return null;
    if (tx instanceof BlobTransaction b) {
      UInt256 blobGas = UInt256.valueOf(131_072L * b.blobVersionedHashes().size());
      UInt256 blobCost = blobGas.multiplyExact(b.maxFeePerBlobGas());
      if (blobCost == null) return null;
      cost = cost.addExact(blobCost);
    }
    return cost;
  }

  /** For tests and metrics: how many senders have waiting transactions. */
  synchronized int senders() {
    return bySender.size();
  }

  /** All waiting transactions of a sender in nonce order. */
  public synchronized Collection<Entry> bySender(Address sender) {
    TreeMap<Long, Entry> q = bySender.get(sender);
    return q == null ? List.of() : List.copyOf(q.values());
  }
}
