package io.levity.cli.bench.tps;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  private final RpcClient rpc;
  private final TxTracker tracker;
  private final long pollNanos;
  private final LongSupplier clock;
  private final List<SeenBlock> blocks = new ArrayList<>();
  private volatile long next;
  private volatile boolean stopped;
  private volatile long head;
  private volatile long errors;
  private volatile String lastError;

  /** Watches blocks above {@code afterBlock}. */
  BlockWatcher(
      RpcClient rpc, TxTracker tracker, long afterBlock, Duration poll, LongSupplier clock) {
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
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        errors++;
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
  synchronized void pollOnce() throws IOException, InterruptedException {
    long h = RpcClient.quantity(rpc.call("eth_blockNumber"));
    head = h;
    while (next <= h) {
      long to = Math.min(h, next + BATCH - 1);
      List<List<Object>> params = new ArrayList<>();
      for (long n = next; n <= to; n++) params.add(List.of("0x" + Long.toHexString(n), false));
      List<JsonNode> got = rpc.batch("eth_getBlockByNumber", params);
      long now = clock.getAsLong();
      for (JsonNode b : got) {
        if (b == null || b.isNull())
          throw new IOException("block " + next + " is missing though the head is " + h);
        long number = RpcClient.quantity(b.get("number"));
        if (number != next) throw new IOException("asked for block " + next + ", got " + number);
        int ours = 0;
        JsonNode txs = b.path("transactions");
        for (JsonNode tx : txs) {
          if (tracker.seenInBlock(tx.asText(), number, now)) ours++;
        }
        blocks.add(
            new SeenBlock(number, now, txs.size(), ours, RpcClient.quantity(b.get("gasUsed"))));
        next = number + 1;
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
    return errors;
  }

  String lastError() {
    return lastError;
  }

  synchronized List<SeenBlock> blocks() {
    return List.copyOf(blocks);
  }
}
