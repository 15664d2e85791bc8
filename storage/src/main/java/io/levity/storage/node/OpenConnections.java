package io.levity.storage.node;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connections of a node whose last step has not yet run on their worker: a node stops its
 * executors only once this is empty, so no connection's task is left to hand from one to the other.
 * Thread-safe.
 */
final class OpenConnections {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition emptied = lock.newCondition();
  private final Set<Channel> open = new HashSet<>();

  void add(Channel c) {
    lock.lock();
    try {
      open.add(c);
    } finally {
      lock.unlock();
    }
  }

  void remove(Channel c) {
    lock.lock();
    try {
      if (open.remove(c) && open.isEmpty()) emptied.signalAll();
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return open.size();
    } finally {
      lock.unlock();
    }
  }

  void closeAll() {
    Set<Channel> copy;
    lock.lock();
    try {
      copy = Set.copyOf(open);
    } finally {
      lock.unlock();
    }
    copy.forEach(OpenConnections::close);
  }

  /** Waits up to {@code timeoutNanos} for every connection to be gone; false if some remain. */
  boolean awaitEmpty(long timeoutNanos) throws InterruptedException {
    lock.lock();
    try {
      long left = timeoutNanos;
      while (!open.isEmpty() && left > 0) left = emptied.awaitNanos(left);
      return open.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /** Closes a connection; a failure to close is reported down its pipeline. */
  static void close(Channel c) {
    c.close().addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }
}
