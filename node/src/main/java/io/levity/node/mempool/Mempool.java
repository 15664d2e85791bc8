package io.levity.node.mempool;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.core.time.TimeSource;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Transactions waiting for a block: one nonce-ordered queue per sender, fee priority across senders
 * (the EIP-1559 tip at the current base fee), replacement with a price bump. Transactions arrive
 * already checked without state ({@link ValidatedTransaction}); the mempool adds the checks against
 * the latest committed state and its own limits, so that holding a transaction is never free: a
 * minimum fee cap (the node sets the base fee), funds for all of a sender's waiting transactions
 * together, a count and a byte cap (a better payer evicts the cheapest), a smaller limit for
 * transactions behind a nonce gap, and a time-to-live. See {@link MempoolConfig}. Thread-safe (one
 * lock).
 */
public final class Mempool {
  /**
   * A transaction in the pool, with when it arrived ({@link TimeSource#nanoTime}) and the most it
   * may cost its sender (gas limit times fee cap plus value; null when that overflows 256 bits).
   */
  public record Entry(
      ValidatedTransaction tx, int size, long sequence, long arrivedNanos, UInt256 maxCost) {
    Entry(ValidatedTransaction tx, int size, long sequence, long arrivedNanos) {
      this(tx, size, sequence, arrivedNanos, Prices.maxCost(tx.transaction()));
    }

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
  private final TimeSource time;
  private final List<Runnable> addListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<ValidatedTransaction>> acceptListeners = new CopyOnWriteArrayList<>();
  private final Map<Address, SenderQueue> bySender = new HashMap<>();
  private final Map<Bytes32, Entry> byHash = new HashMap<>();
  private AccountReader state;
  private long blockGasLimit;
  private UInt256 minFeePerGas = UInt256.ZERO;
  private long sequence;
  private long bytes;
  private int queued;

  public Mempool(MempoolConfig config, AccountReader state, long blockGasLimit, TimeSource time) {
    this.config = config;
    this.state = state;
    this.blockGasLimit = blockGasLimit;
    this.time = time;
  }

  /**
   * Transactions whose fee cap (legacy: gas price) is below this are refused as underpriced; the
   * node sets the current base fee.
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
   * Tells {@code listener} of each transaction {@link #add} takes in (new or replacing), on the
   * adding thread and outside the pool's lock (pending-transaction filters and subscriptions). It
   * must be quick, must not block and must not throw.
   */
  public void onTransactionAccepted(Consumer<ValidatedTransaction> listener) {
    acceptListeners.add(listener);
  }

  /**
   * Takes in a transaction checked without state, after the checks against the committed state and
   * the pool's limits; throws when it is refused.
   */
  public Added add(ValidatedTransaction vtx, int encodedSize) throws MempoolException {
    Added added = addLocked(vtx, encodedSize);
    for (Consumer<ValidatedTransaction> l : acceptListeners) l.accept(vtx);
    for (Runnable l : addListeners) l.run();
    return added;
  }

  private synchronized Added addLocked(ValidatedTransaction vtx, int encodedSize)
      throws MempoolException {
    Transaction tx = vtx.transaction();
    Admission.checkAlone(tx, encodedSize, config, blockGasLimit, minFeePerGas);
    if (byHash.containsKey(vtx.hash()))
      throw new MempoolException(MempoolError.ALREADY_KNOWN, null);
    Address sender = vtx.sender();
    long accountNonce = state.nonce(sender);
    SenderQueue queue = bySender.get(sender);
    Entry existing = queue == null ? null : queue.byNonce.get(tx.nonce());
    Admission.checkAgainstAccount(tx, accountNonce, state.balance(sender), queue, config);
    if (existing != null && !Prices.bumped(existing.transaction(), tx, config.priceBumpPercent())) {
      throw new MempoolException(
          MempoolError.REPLACEMENT_UNDERPRICED,
          "both fee caps must rise by " + config.priceBumpPercent() + "%");
    }
    boolean joinsQueued =
        existing == null
            && Long.compareUnsigned(
                    tx.nonce(), queue == null ? accountNonce : queue.gapAt(accountNonce))
                > 0;
    if (existing == null) Admission.checkSenderRoom(queue, joinsQueued, config);
    Evictions.Need need =
        new Evictions.Need(
            byHash.size() + (existing == null ? 1 : 0) - config.maxTransactions(),
            bytes + encodedSize - (existing == null ? 0 : existing.size()) - config.maxPoolBytes(),
            joinsQueued ? queued + 1 - config.maxQueued() : 0);
    if (!need.met()) {
      List<Entry> victims =
          Evictions.choose(bySender, sender, tx, need)
              .orElseThrow(
                  () ->
                      new MempoolException(
                          MempoolError.POOL_FULL,
                          byHash.size()
                              + " transactions, "
                              + bytes
                              + " bytes, "
                              + queued
                              + " queued; the fee is too low to evict another"));
      for (Entry v : victims) remove(v.tx().hash());
    }
    Entry entry = new Entry(vtx, encodedSize, sequence++, time.nanoTime());
    if (existing != null) unlink(existing);
    link(entry);
    recount(sender);
    return existing == null ? Added.NEW : Added.REPLACED;
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
    for (Map.Entry<Address, SenderQueue> s : bySender.entrySet()) {
      Entry first = s.getValue().byNonce.get(state.nonce(s.getKey()));
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
      Entry next = bySender.get(e.sender()).byNonce.get(e.nonce() + 1);
      if (next != null && eligible(next, baseFee))
        heads.add(new Head(next, next.transaction().effectivePriorityFee(baseFee)));
    }
    return out;
  }

  /**
   * After a block commits: drops transactions whose nonce is now used, those the sender can no
   * longer afford (all its waiting ones together, in nonce order) and those older than the
   * time-to-live, reading the new state.
   */
  public synchronized void onNewState(AccountReader newState, long newBlockGasLimit) {
    this.state = newState;
    this.blockGasLimit = newBlockGasLimit;
    long oldest = time.nanoTime() - config.ttlMillis() * 1_000_000L;
    Iterator<Map.Entry<Address, SenderQueue>> it = bySender.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Address, SenderQueue> s = it.next();
      long nonce = newState.nonce(s.getKey());
      UInt256 balance = newState.balance(s.getKey());
      UInt256 committed = UInt256.ZERO;
      SenderQueue q = s.getValue();
      // When the balance covers all of them together, no running sum can pass it: only the nonce
      // and the age are checked then (the common case, without adding a 256-bit sum per entry).
      UInt256 all = q.totalCost();
      boolean affordable = all != null && balance.compareTo(all) >= 0;
      List<Entry> dropped = new ArrayList<>();
      for (Entry e : q.byNonce.values()) {
        if (affordable) {
          if (Long.compareUnsigned(e.nonce(), nonce) < 0 || e.arrivedNanos() - oldest < 0)
            dropped.add(e);
          continue;
        }
        UInt256 total = Prices.add(committed, e.maxCost());
        if (Long.compareUnsigned(e.nonce(), nonce) < 0
            || e.arrivedNanos() - oldest < 0
            || total == null
            || balance.compareTo(total) < 0) {
          dropped.add(e);
        } else {
          committed = total;
        }
      }
      for (Entry e : dropped) {
        byHash.remove(e.tx().hash());
        bytes -= e.size();
        q.remove(e.nonce());
      }
      queued -= q.queued;
      q.queued = q.countQueued(nonce);
      queued += q.queued;
      if (q.isEmpty()) it.remove();
    }
  }

  /** Removes one transaction (for example when its execution was rejected); true if it was here. */
  public synchronized boolean remove(Bytes32 hash) {
    Entry e = byHash.get(hash);
    if (e == null) return false;
    unlink(e);
    recount(e.sender());
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
   * The encoded bytes of all waiting transactions (what {@link MempoolConfig#maxPoolBytes} caps).
   */
  public synchronized long bytes() {
    return bytes;
  }

  /** How many waiting transactions are behind a nonce gap. */
  public synchronized int queued() {
    return queued;
  }

  /**
   * The next nonce the sender would use counting its contiguous waiting transactions ("pending"
   * nonce).
   */
  public synchronized long pendingNonce(Address sender) {
    long n = state.nonce(sender);
    SenderQueue q = bySender.get(sender);
    return q == null ? n : q.gapAt(n);
  }

  public synchronized List<Entry> all() {
    List<Entry> out = new ArrayList<>();
    for (SenderQueue q : bySender.values()) out.addAll(q.byNonce.values());
    return out;
  }

  /** All waiting transactions of a sender in nonce order. */
  public synchronized Collection<Entry> bySender(Address sender) {
    SenderQueue q = bySender.get(sender);
    return q == null ? List.of() : List.copyOf(q.byNonce.values());
  }

  /** For tests and metrics: how many senders have waiting transactions. */
  synchronized int senders() {
    return bySender.size();
  }

  private boolean eligible(Entry e, UInt256 baseFee) {
    return e.transaction().maxFeePerGas().compareTo(baseFee) >= 0;
  }

  private void link(Entry e) {
    bySender.computeIfAbsent(e.sender(), a -> new SenderQueue()).put(e);
    byHash.put(e.tx().hash(), e);
    bytes += e.size();
  }

  private void unlink(Entry e) {
    byHash.remove(e.tx().hash());
    bytes -= e.size();
    SenderQueue q = bySender.get(e.sender());
    q.remove(e.nonce());
  }

  /** Counts the sender's queued transactions again after a change; forgets an empty sender. */
  private void recount(Address sender) {
    SenderQueue q = bySender.get(sender);
    if (q == null) return;
    queued -= q.queued;
    q.queued = q.isEmpty() ? 0 : q.countQueued(state.nonce(sender));
    queued += q.queued;
    if (q.isEmpty()) bySender.remove(sender);
  }
}
