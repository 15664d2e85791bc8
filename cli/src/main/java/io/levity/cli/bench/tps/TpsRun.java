package io.levity.cli.bench.tps;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.TxReceipt;
import io.levity.sdk.tx.Fees;
import io.levity.sdk.tx.SignedTx;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Drives one workload against one chain: fetches each sender's nonce once, runs one {@link
 * SenderLane} per sender for the configured duration with a {@link BlockWatcher} following the
 * chain, then stops submitting, waits (bounded) until every acknowledged transaction is in a block,
 * reads back receipts and tallies a {@link TpsResult}.
 */
public final class TpsRun {
  /**
   * How to run.
   *
   * @param window most transactions per sender waiting for a block (the mempool allows 256)
   * @param rate offered load in tx/s over all senders, or 0 to send as fast as the node
   *     acknowledges
   * @param poll how often the block watcher looks for new blocks
   * @param drainTimeout how long to wait after the window for acknowledged transactions to land
   * @param receiptSample receipts to read back (a seeded sample when more were included)
   * @param salt makes this run's recipients fresh; also seeds the receipt sample
   */
  public record Config(
      Duration duration,
      int window,
      double rate,
      Duration poll,
      Duration drainTimeout,
      int receiptSample,
      Fees fees,
      long salt) {
    public Config {
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(fees, "fees");
      if (window < 1 || window > 256)
        throw new IllegalArgumentException("--window must be in 1..256, got " + window);
      if (receiptSample < 0) throw new IllegalArgumentException("receipt sample must be >= 0");
      if (!(rate >= 0)) throw new IllegalArgumentException("--rate must be >= 0, got " + rate);
    }
  }

  private final Config config;
  private final PrintWriter progress;

  public TpsRun(Config config, PrintWriter progress) {
    this.config = config;
    this.progress = progress;
  }

  public TpsResult run(
      String target,
      String targetDescription,
      EthRpc rpc,
      long chainId,
      List<Secp256k1.KeyPair> keys,
      Workload workload)
      throws InterruptedException {
    int n = keys.size();
    List<Address> senders = keys.stream().map(Secp256k1.KeyPair::address).toList();
    long[] nonces = rpc.getTransactionCounts(senders, BlockTag.PENDING);
    long startBlock = rpc.blockNumber();

    TxTracker tracker = new TxTracker(nonces);
    BlockWatcher watcher =
        new BlockWatcher(rpc, tracker, startBlock, config.poll(), System::nanoTime);
    String tag = "[" + target + " " + workload.name() + "]";
    progress.printf(
        "%s %d senders, window %d, %s, %s, %d s, from block %d%n",
        tag,
        n,
        config.window(),
        config.rate() > 0 ? "offering " + config.rate() + " tx/s" : "as fast as acknowledged",
        workload.description(),
        config.duration().toSeconds(),
        startBlock);

    long start = System.nanoTime();
    long end = start + config.duration().toNanos();
    List<SenderLane> lanes = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SenderLane.Pacing pacing = SenderLane.Pacing.share(config.rate(), i, n);
      SenderLane lane =
          lane(i, keys.get(i), nonces[i], pacing, end, tracker, rpc, chainId, workload);
      lanes.add(lane);
      threads.add(Thread.ofPlatform().name("tps-sender-" + i).daemon().unstarted(lane));
    }
    Thread watcherThread = Thread.ofPlatform().name("tps-blocks").daemon().start(watcher);
    threads.forEach(Thread::start);
    try {
      long nextReport = start + 1_000_000_000L;
      for (Thread t : threads) {
        while (t.isAlive()) {
          t.join(Duration.ofMillis(100));
          long now = System.nanoTime();
          if (now >= nextReport) {
            report(tag, (now - start) / 1e9, tracker, watcher, lanes);
            nextReport += 1_000_000_000L;
          }
        }
      }
      long drainEnd = System.nanoTime() + config.drainTimeout().toNanos();
      long nextDrainReport = System.nanoTime() + 1_000_000_000L;
      while (tracker.awaitingInclusion() > 0 && System.nanoTime() < drainEnd) {
        Thread.sleep(100);
        if (System.nanoTime() >= nextDrainReport) {
          progress.printf(
              "%s draining: %d acknowledged transactions not in a block yet (head %d)%n",
              tag, tracker.awaitingInclusion(), watcher.head());
          nextDrainReport += 1_000_000_000L;
        }
      }
    } finally {
      for (Thread t : threads) t.interrupt();
      watcher.stop();
      watcherThread.join(5_000);
    }
    watcher.pollOnce(); // a last look after the drain

    TxTracker.Tally tally = tracker.tally(start, end);
    List<String> notes = new ArrayList<>();
    long rejected = 0, retries = 0, mismatches = 0;
    for (SenderLane l : lanes) {
      SenderLane.Stats s = l.stats();
      rejected += s.rejected();
      retries += s.retries();
      mismatches += s.hashMismatches();
      if (s.failure() != null) notes.add(s.failure());
      else if (s.lastRejection() != null) notes.add("sender refusal: " + s.lastRejection());
    }
    if (mismatches > 0)
      notes.add(mismatches + " acknowledgements named another hash than the one signed");
    if (watcher.errors() > 0)
      notes.add(watcher.errors() + " block polls failed; last: " + watcher.lastError());
    if (tally.includedUnacknowledged() > 0) {
      notes.add(
          tally.includedUnacknowledged()
              + " transactions landed whose acknowledgement never arrived");
    }
    if (tally.lost() > 0) {
      notes.add(
          tally.lost()
              + " acknowledged transactions not in any block after "
              + config.drainTimeout().toSeconds()
              + " s of draining");
    }
    long[] receipts = checkReceipts(rpc, tracker.includedHashes(), notes);
    double secs = config.duration().toNanos() / 1e9;
    long blocksInWindow = 0, maxPerBlock = 0;
    for (BlockWatcher.SeenBlock b : watcher.blocks()) {
      if (b.seenNanos() <= end) {
        blocksInWindow++;
        maxPerBlock = Math.max(maxPerBlock, b.ours());
      }
    }
    TpsResult r =
        new TpsResult(
            target,
            targetDescription,
            workload.name(),
            workload.description(),
            n,
            config.window(),
            config.rate(),
            secs,
            tally.acknowledgedInWindow(),
            tally.committedInWindow(),
            tally.acknowledgedInWindow() / secs,
            tally.committedInWindow() / secs,
            LatencySummary.ofNanos(tally.latencyNanos()),
            tally.acknowledged(),
            tally.included(),
            tally.lost(),
            rejected,
            receipts[0],
            receipts[1],
            rejected + receipts[1],
            retries,
            blocksInWindow,
            maxPerBlock,
            notes);
    progress.printf(
        "%s done: %.1f tx/s submitted, %.1f tx/s committed, p50 %.0f ms, %d lost, %d failed%n",
        tag,
        r.submittedPerSecond(),
        r.committedPerSecond(),
        r.latency().p50Ms(),
        r.lost(),
        r.failed());
    return r;
  }

  private SenderLane lane(
      int i,
      Secp256k1.KeyPair key,
      long nonce,
      SenderLane.Pacing pacing,
      long end,
      TxTracker tracker,
      EthRpc rpc,
      long chainId,
      Workload workload) {
    Address address = key.address();
    SenderLane.TxMaker maker =
        (txNonce, seq) ->
            SignedTx.sign(
                workload.draft(
                    chainId,
                    txNonce,
                    Workload.freshRecipient(config.salt(), i, seq),
                    config.fees()),
                key);
    return new SenderLane(
        i,
        nonce,
        config.window(),
        pacing,
        end,
        tracker,
        rpc::sendRawTransaction,
        () -> rpc.getTransactionCount(address, BlockTag.PENDING),
        maker,
        new Backoff(Duration.ofMillis(5), Duration.ofMillis(250)),
        SenderLane.Clock.SYSTEM);
  }

  private void report(
      String tag, double elapsed, TxTracker tracker, BlockWatcher watcher, List<SenderLane> lanes) {
    long retries = 0;
    for (SenderLane l : lanes) retries += l.stats().retries();
    long acked = tracker.acknowledgedCount();
    progress.printf(
        "%s %4.0f s: %d acknowledged (%.0f/s), %d in blocks, %d waiting, head %d, %d retries%n",
        tag,
        elapsed,
        acked,
        acked / elapsed,
        tracker.includedCount(),
        acked - tracker.includedCount(),
        watcher.head(),
        retries);
  }

  /** Reads back receipts (all, or a seeded sample); returns {checked, reverted or missing}. */
  private long[] checkReceipts(EthRpc rpc, List<Bytes32> included, List<String> notes) {
    List<Bytes32> sample = new ArrayList<>(included);
    if (sample.size() > config.receiptSample()) {
      Collections.shuffle(sample, new Random(config.salt()));
      sample = sample.subList(0, config.receiptSample());
    }
    long bad = 0, missing = 0;
    for (int i = 0; i < sample.size(); i += 100) {
      List<Bytes32> part = sample.subList(i, Math.min(sample.size(), i + 100));
      for (Optional<TxReceipt> r : rpc.getTransactionReceipts(part)) {
        if (r.isEmpty()) {
          missing++;
          bad++;
        } else if (!r.get().succeeded()) {
          bad++;
        }
      }
    }
    if (missing > 0) notes.add(missing + " transactions seen in blocks have no receipt");
    return new long[] {sample.size(), bad};
  }
}
