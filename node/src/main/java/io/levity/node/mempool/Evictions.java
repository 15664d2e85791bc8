package io.levity.node.mempool;

import io.levity.core.bytes.Address;
import io.levity.core.tx.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Chooses what to evict so that a newcomer fits under the pool's limits: only transactions that pay
 * less than the newcomer, the cheapest first, and from each sender its highest nonce first, so that
 * eviction never opens a gap (a sender's queued transactions go before its pending ones). The
 * newcomer's own sender is never a victim. Choosing changes nothing: the caller removes the
 * victims.
 */
final class Evictions {
  private Evictions() {}

  /** What must be freed: transactions, bytes, and queued transactions. */
  record Need(int count, long bytes, int queued) {
    boolean met() {
      return count <= 0 && bytes <= 0 && queued <= 0;
    }

    Need minus(Mempool.Entry e, boolean queuedVictim) {
      return new Need(count - 1, bytes - e.size(), queuedVictim ? queued - 1 : queued);
    }
  }

  /** One sender's transactions from the highest nonce down, as victims are taken. */
  private static final class Cursor {
    final Iterator<Mempool.Entry> down;
    Mempool.Entry next;
    int queuedLeft;

    Cursor(SenderQueue q) {
      this.down = q.byNonce.descendingMap().values().iterator();
      this.next = down.next();
      this.queuedLeft = q.queued;
    }

    void advance() {
      next = down.hasNext() ? down.next() : null;
      queuedLeft = Math.max(0, queuedLeft - 1);
    }
  }

  private static final Comparator<Cursor> CHEAPEST_NEWEST =
      (a, b) -> {
        int c = Prices.compare(a.next.transaction(), b.next.transaction());
        return c != 0 ? c : Long.compare(b.next.sequence(), a.next.sequence());
      };

  /** The victims that meet {@code need}, or empty when cheaper transactions cannot meet it. */
  static Optional<List<Mempool.Entry>> choose(
      Map<Address, SenderQueue> senders, Address newcomerSender, Transaction newcomer, Need need) {
    List<Mempool.Entry> victims = new ArrayList<>();
    List<Cursor> cursors = new ArrayList<>();
    senders.forEach(
        (sender, q) -> {
          if (!sender.equals(newcomerSender) && !q.byNonce.isEmpty()) cursors.add(new Cursor(q));
        });
    Need left = need;
    // Queued room first: only a sender's queued transactions free it.
    left = take(cursors, c -> c.queuedLeft > 0, newcomer, left, victims, true);
    if (left == null) return Optional.empty();
    left = take(cursors, c -> true, newcomer, left, victims, false);
    return left == null ? Optional.empty() : Optional.of(victims);
  }

  /**
   * Takes victims from the cursors {@code eligible} admits until {@code need} is met (only its
   * queued part when {@code queuedOnly}); null if the next victim would not be cheaper.
   */
  private static Need take(
      List<Cursor> cursors,
      Predicate<Cursor> eligible,
      Transaction newcomer,
      Need need,
      List<Mempool.Entry> victims,
      boolean queuedOnly) {
    PriorityQueue<Cursor> heap = new PriorityQueue<>(CHEAPEST_NEWEST);
    for (Cursor c : cursors) if (c.next != null && eligible.test(c)) heap.add(c);
    Need left = need;
    while (queuedOnly ? left.queued() > 0 : !left.met()) {
      Cursor c = heap.poll();
      if (c == null || Prices.compare(c.next.transaction(), newcomer) >= 0) return null;
      left = left.minus(c.next, c.queuedLeft > 0);
      victims.add(c.next);
      c.advance();
      if (c.next != null && eligible.test(c)) heap.add(c);
    }
    return left;
  }
}
