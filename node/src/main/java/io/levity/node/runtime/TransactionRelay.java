package io.levity.node.runtime;

import io.levity.core.bytes.Bytes;
import io.levity.core.time.Scheduler;
import io.levity.node.p2p.P2pMessage;
import io.levity.node.p2p.PeerNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes transactions the mempool took (from RPC or a peer) on to the peers in batches: the ones
 * that arrive within {@link #DELAY_MILLIS} go out as one {@code Transactions} message instead of
 * one message, frame and peer write each. Under load one message per transaction was a fifth of a
 * devnet's CPU, on the sending and on every receiving node. A batch goes out at once when it
 * reaches {@code maxCount} transactions or {@code maxBytes}. Thread-safe; the delay runs on the
 * node's scheduler, so a simulated node relays in virtual time.
 */
final class TransactionRelay {
  /** How long a transaction may wait for others to share its message. */
  static final long DELAY_MILLIS = 10;

  private final PeerNetwork net;
  private final Scheduler scheduler;
  private final int maxCount;
  private final long maxBytes;
  private List<Bytes> pending = new ArrayList<>();
  private long pendingBytes;
  private boolean scheduled;

  /**
   * {@code maxCount} and {@code maxBytes}: the most one message carries (within the peers' limits
   * on a {@code Transactions} message).
   */
  TransactionRelay(PeerNetwork net, Scheduler scheduler, int maxCount, long maxBytes) {
    if (maxCount < 1 || maxBytes < 1) throw new IllegalArgumentException("empty batch limits");
    this.net = net;
    this.scheduler = scheduler;
    this.maxCount = maxCount;
    this.maxBytes = maxBytes;
  }

  /** Queues one encoded transaction for the peers. */
  void relay(Bytes raw) {
    List<Bytes> full = null;
    synchronized (this) {
      if (!pending.isEmpty() && pendingBytes + raw.size() > maxBytes) full = take();
      pending.add(raw);
      pendingBytes += raw.size();
      if (full == null && pending.size() >= maxCount) full = take();
      else if (!scheduled) {
        scheduled = true;
        scheduler.schedule(DELAY_MILLIS, this::flush);
      }
    }
    if (full != null) send(full);
  }

  /** Sends what waits now (the scheduled flush). */
  void flush() {
    List<Bytes> batch;
    synchronized (this) {
      scheduled = false;
      batch = take();
    }
    send(batch);
  }

  private List<Bytes> take() {
    List<Bytes> batch = pending;
    pending = new ArrayList<>();
    pendingBytes = 0;
    return batch;
  }

  private void send(List<Bytes> batch) {
    if (!batch.isEmpty()) net.gossip(new P2pMessage.Transactions(batch));
  }
}
