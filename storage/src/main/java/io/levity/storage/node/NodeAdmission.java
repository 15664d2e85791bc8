package io.levity.storage.node;

import io.levity.core.time.TimeSource;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Who a storage node serves now: each client address within its request rate, shard transfers
 * (uploads, downloads, sector reads) within {@link NodeConfig#maxTransfers()} slots, and
 * proof-of-storage answers within slots of their own, so clients holding every transfer slot cannot
 * make an honest node fail its proofs. Thread-safe.
 */
final class NodeAdmission {
  static final int CHALLENGE_SLOTS = 4;

  private final NodeConfig config;
  private final RequestRateLimiter rateLimiter;
  private final Semaphore transfers;
  private final Semaphore challenges = new Semaphore(CHALLENGE_SLOTS);

  NodeAdmission(NodeConfig config, TimeSource time) {
    this.config = config;
    this.rateLimiter = new RequestRateLimiter(config.maxRequestsPerSecond(), time::nanoTime);
    this.transfers = new Semaphore(config.maxTransfers());
  }

  /** Takes one request of {@code client}'s rate ({@link NodeConfig#maxRequestsPerSecond}). */
  void admit(String client) throws NodeError {
    if (!rateLimiter.tryAcquire(client)) {
      throw new NodeError(
          NodeErrorCode.RATE_LIMITED,
          "more than "
              + config.maxRequestsPerSecond()
              + " requests per second from this address; retry shortly");
    }
  }

  /** Takes a transfer slot; running the result frees it (the first time only). */
  Runnable transferSlot() throws NodeError {
    return slot(transfers);
  }

  /** Takes a challenge slot; running the result frees it (the first time only). */
  Runnable challengeSlot() throws NodeError {
    return slot(challenges);
  }

  private Runnable slot(Semaphore slots) throws NodeError {
    if (!slots.tryAcquire()) {
      throw new NodeError(
          NodeErrorCode.BUSY,
          "the node is serving its maximum of "
              + config.maxTransfers()
              + " shard transfers; retry shortly");
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) slots.release();
    };
  }
}
