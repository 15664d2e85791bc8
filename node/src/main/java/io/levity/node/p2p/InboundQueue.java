package io.levity.node.p2p;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that calls the {@link MessageHandler}, behind a bounded queue: a slow handler
 * delays later messages, and when the queue is full new ones are dropped (and counted) rather than
 * blocking the I/O threads.
 */
final class InboundQueue {
  private static final Logger LOG = LoggerFactory.getLogger(InboundQueue.class);

  private final ThreadPoolExecutor executor;
  private final AtomicLong dropped = new AtomicLong();

  InboundQueue(String threadName, int capacity) {
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(capacity),
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            },
            (r, ex) -> dropped.incrementAndGet());
  }

  /** Queues a handler call; a handler that throws is logged and the queue goes on. */
  void enqueue(Runnable task) {
    executor.execute(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            LOG.warn("p2p message handler failed", e);
          }
        });
  }

  /** Calls dropped because the queue was full (or the queue was closed). */
  long dropped() {
    return dropped.get();
  }

  /** Lets queued calls finish for up to 2 s, then stops the thread. */
  void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) executor.shutdownNow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }
}
