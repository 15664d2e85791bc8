package io.levity.node.p2p;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that hands consensus messages to the {@link MessageHandler}, apart from everything
 * else (so a flood of transactions or sync traffic neither delays nor drops them), behind one
 * bounded queue per peer served in turn: a peer flooding consensus messages fills its own queue
 * (further messages from it are dropped and counted) and delays the others' by at most one message
 * per turn.
 */
final class ConsensusQueue {
  private static final Logger LOG = LoggerFactory.getLogger(ConsensusQueue.class);

  private final int perPeer;
  private final long perPeerBytes;
  private final Map<NodeId, PeerQueue> queues = new HashMap<>();
  private final ArrayDeque<NodeId> turns = new ArrayDeque<>();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private boolean closed;

  private static final class PeerQueue {
    final ArrayDeque<Task> tasks = new ArrayDeque<>();
    long bytes;
  }

  private record Task(Runnable call, int bytes) {}

  /**
   * @param perPeer messages one peer may have waiting
   * @param perPeerBytes frame bytes one peer may have waiting
   */
  ConsensusQueue(String threadName, int perPeer, long perPeerBytes) {
    this.perPeer = perPeer;
    this.perPeerBytes = perPeerBytes;
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a handler call for a message of {@code bytes} from {@code peer}; false if dropped. */
  synchronized boolean offer(NodeId peer, int bytes, Runnable call) {
    PeerQueue q = queues.get(peer);
    int waiting = q == null ? 0 : q.tasks.size();
    long waitingBytes = q == null ? 0 : q.bytes;
    if (closed || waiting >= perPeer || waitingBytes + bytes > perPeerBytes) {
      dropped.incrementAndGet();
      return false;
    }
    if (q == null) {
      q = new PeerQueue();
      queues.put(peer, q);
      turns.addLast(peer);
    }
    q.tasks.addLast(new Task(call, bytes));
    q.bytes += bytes;
    notifyAll();
    return true;
  }

  /** Messages dropped because their peer's queue was full (or the queue was closed). */
  long dropped() {
    return dropped.get();
  }

  private synchronized Runnable next() throws InterruptedException {
    while (turns.isEmpty() && !closed) wait();
    if (turns.isEmpty()) return null;
    NodeId peer = turns.pollFirst();
    PeerQueue q = queues.get(peer);
    Task t = q.tasks.pollFirst();
    q.bytes -= t.bytes();
    if (q.tasks.isEmpty()) queues.remove(peer);
    else turns.addLast(peer);
    return t.call();
  }

  private void run() {
    try {
      for (Runnable r = next(); r != null; r = next()) {
        try {
          r.run();
        } catch (RuntimeException e) {
          LOG.warn("p2p consensus message handler failed", e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lets queued calls finish for up to 2 s, then stops the thread. */
  void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread.interrupt();
  }
}
