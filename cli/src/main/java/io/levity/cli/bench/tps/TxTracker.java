package io.levity.cli.bench.tps;

import io.levity.core.bytes.Bytes32;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmark's bookkeeping: every transaction a sender put on the wire, when it was first sent,
 * when the node acknowledged it and when a block holding it was first seen. Senders and the block
 * watcher update it from their own threads; times are {@link System#nanoTime()} values (or a test
 * clock's).
 */
final class TxTracker {
  /** One transaction of the benchmark. Times are 0 until the event happens. */
  static final class Entry {
    final int sender;
    final long nonce;
    final long sentNanos;
    volatile long ackNanos;
    volatile long includedNanos;
    volatile long block = -1;

    Entry(int sender, long nonce, long sentNanos) {
      this.sender = sender;
      this.nonce = nonce;
      this.sentNanos = sentNanos;
    }
  }

  /**
   * Counts over the measured window [start, end] and totals at the time of the call. The latency
   * array is made for this tally and handed over, never shared.
   */
  @SuppressWarnings("ArrayRecordComponent")
  record Tally(
      long acknowledgedInWindow,
      long committedInWindow,
      long acknowledged,
      long included,
      long includedUnacknowledged,
      long lost,
      long[] latencyNanos) {}

  private final ConcurrentHashMap<Bytes32, Entry> byHash = new ConcurrentHashMap<>();
  private final AtomicLongArray includedNext;
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder included = new LongAdder();

  /**
   * {@code startNonces[i]}: sender i's account nonce when the run starts (nothing of its is in a
   * block yet).
   */
  TxTracker(long[] startNonces) {
    this.includedNext = new AtomicLongArray(startNonces.clone());
  }

  int senders() {
    return includedNext.length();
  }

  /** Called once per transaction, just before its first send. */
  void sent(Bytes32 hash, int sender, long nonce, long nowNanos) {
    Entry prev = byHash.putIfAbsent(hash, new Entry(sender, nonce, nowNanos));
    if (prev != null)
      throw new IllegalStateException("transaction " + hash + " was sent twice as new");
  }

  /** The node accepted it (or already had it); the first acknowledgement counts. */
  void acknowledged(Bytes32 hash, long nowNanos) {
    Entry e = byHash.get(hash);
    if (e == null)
      throw new IllegalStateException("acknowledged transaction " + hash + " was never sent");
    if (e.ackNanos == 0) {
      e.ackNanos = Math.max(1, nowNanos);
      acknowledged.increment();
    }
  }

  /** The node refused it for good and its nonce goes to another transaction: forget it. */
  void abandoned(Bytes32 hash) {
    Entry e = byHash.get(hash);
    if (e != null && e.ackNanos == 0 && e.includedNanos == 0) byHash.remove(hash);
  }

  /**
   * The block watcher saw this hash in block {@code number}; true if it is one of ours. Advances
   * the sender's included nonce, which opens its window.
   */
  boolean seenInBlock(Bytes32 hash, long number, long nowNanos) {
    Entry e = byHash.get(hash);
    if (e == null) return false;
    if (e.includedNanos == 0) {
      e.includedNanos = Math.max(1, nowNanos);
      e.block = number;
      included.increment();
      includedNext.accumulateAndGet(e.sender, e.nonce + 1, Math::max);
    }
    return true;
  }

  /**
   * The lowest nonce of this sender not yet seen in a block (its account nonce as the client knows
   * it).
   */
  long includedNext(int sender) {
    return includedNext.get(sender);
  }

  long acknowledgedCount() {
    return acknowledged.sum();
  }

  long includedCount() {
    return included.sum();
  }

  /** Acknowledged transactions not yet seen in a block. */
  long awaitingInclusion() {
    long n = 0;
    for (Entry e : byHash.values()) {
      if (e.ackNanos != 0 && e.includedNanos == 0) n++;
    }
    return n;
  }

  /** Hashes of the transactions seen in blocks (for sampling receipts). */
  List<Bytes32> includedHashes() {
    List<Bytes32> out = new ArrayList<>();
    byHash.forEach(
        (h, e) -> {
          if (e.includedNanos != 0) out.add(h);
        });
    out.sort(null); // a stable order, so a seeded sample repeats
    return out;
  }

  /**
   * Counts for the window [startNanos, endNanos]: acknowledged and committed in it, and over the
   * whole run the inclusion latencies (first send to first sight in a block) of every acknowledged
   * transaction seen in a block, and the acknowledged ones never seen (lost, once the run has
   * drained).
   */
  Tally tally(long startNanos, long endNanos) {
    long ackIn = 0, comIn = 0, acks = 0, incl = 0, inclUnacked = 0, lost = 0;
    long[] lat = new long[byHash.size()];
    int n = 0;
    for (Entry e : byHash.values()) {
      long ack = e.ackNanos, inc = e.includedNanos;
      if (ack != 0) {
        acks++;
        if (ack >= startNanos && ack <= endNanos) ackIn++;
      }
      if (inc != 0) {
        incl++;
        if (inc >= startNanos && inc <= endNanos) comIn++;
        if (ack == 0) inclUnacked++;
      }
      if (ack != 0 && inc == 0) lost++;
      if (ack != 0 && inc != 0 && n < lat.length) lat[n++] = Math.max(0, inc - e.sentNanos);
    }
    return new Tally(ackIn, comIn, acks, incl, inclUnacked, lost, Arrays.copyOf(lat, n));
  }
}
