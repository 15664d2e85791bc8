package io.levity.cli.bench.tps;

import io.levity.core.bytes.Bytes32;
import io.levity.sdk.rpc.EthBlock;
import io.levity.sdk.rpc.EthRpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Walks the chain block by block as it grows (eth_blockNumber, then eth_getBlockByNumber(n, false)
 * in batches) every poll interval, and tells the tracker when each of our hashes first appears in a
 * block. On Levity a block is final when it is served (BFT finality), so "seen in a block" is
 * "finalized"; Hardhat has no finality to wait for (automine).
 */
final class BlockWatcher implements Runnable {
  /** A block as the watcher first saw it. */
  record SeenBlock(long number, long seenNanos, int transactions, int ours, long gasUsed) {}

  static final int BATCH = 100;

  private final EthRpc rpc;
  private final TxTracker tracker;
  private final long pollNanos;
  private final LongSupplier clock;
  private final List<SeenBlock> blocks = new ArrayList<>();
  private volatile long next;
  private volatile boolean stopped;
  private volatile long head;
  private final AtomicLong errors = new AtomicLong();
  private volatile String lastError;

  /** Watches blocks above {@code afterBlock}. */
  BlockWatcher(EthRpc rpc, TxTracker tracker, long afterBlock, Duration poll, LongSupplier clock) {
    this.rpc = rpc;
    this.tracker = tracker;
    this.next = afterBlock + 1;
    this.head = afterBlock;
    this.pollNanos = poll.toNanos();
    this.clock = clock;
  }

  @Override
  public void run() {
    while (!stopped) {
      long started = clock.getAsLong();
      try {
        pollOnce();
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) return;
        errors.incrementAndGet();
        lastError = e.getMessage();
      }
      long left = pollNanos - (clock.getAsLong() - started);
      if (left > 0 && !stopped) {
        try {
          Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Reads every block up to the current head. Only one thread may call it at a time. */
  synchronized void pollOnce() {
    long h = rpc.blockNumber();
    head = h;
    while (next <= h) {
      List<Optional<EthBlock>> got = rpc.getBlocksByNumber(next, Math.min(h, next + BATCH - 1));
      long now = clock.getAsLong();
      for (Optional<EthBlock> maybe : got) {
        EthBlock b =
            maybe.orElseThrow(
                () ->
                    new IllegalStateException(
                        "block " + next + " is missing though the head is " + h));
        if (b.number() != next)
          throw new IllegalStateException("asked for block " + next + ", got " + b.number());
        int ours = 0;
        for (Bytes32 tx : b.transactionHashes()) {
          if (tracker.seenInBlock(tx, b.number(), now)) ours++;
        }
        blocks.add(new SeenBlock(b.number(), now, b.transactionHashes().size(), ours, b.gasUsed()));
        next = b.number() + 1;
      }
    }
  }

  /** Stops the loop; the caller joins the thread and may then {@link #pollOnce} a last time. */
  void stop() {
    stopped = true;
  }

  long head() {
    return head;
  }

  long errors() {
    return errors.get();
  }

  String lastError() {
    return lastError;
  }

  synchronized List<SeenBlock> blocks() {
    return List.copyOf(blocks);
  }
}
