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
   * @param batch most transactions of a sender in one request (1: single calls)
   * @param http the HTTP client the senders use
   * @param presign transactions signed per sender before the window ({@link #AUTO}: {@link
   *     #presignPerSender})
   */
  public record Config(
      Duration duration,
      int window,
      double rate,
      Duration poll,
      Duration drainTimeout,
      int receiptSample,
      Fees fees,
      long salt,
      int batch,
      int presign,
      RawTxSubmitter.Http http) {
    /** --presign not given: {@link #presignPerSender} decides. */
    public static final int AUTO = -1;

    /** The most transactions a sender signs ahead by default. */
    static final int MAX_DEFAULT_PRESIGN = 20_000;

    /**
     * The rate the default pre-signed buffers are sized for when no --rate is given: well above
     * what either chain commits on this machine (Hardhat ~560 tx/s, the aim for Levity 6x that).
     */
    static final double PRESIGN_CEILING_TX_PER_SECOND = 4_000;

    public Config {
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(fees, "fees");
      Objects.requireNonNull(http, "http");
      if (window < 1 || window > 256)
        throw new IllegalArgumentException("--window must be in 1..256, got " + window);
      if (receiptSample < 0) throw new IllegalArgumentException("receipt sample must be >= 0");
      if (!(rate >= 0)) throw new IllegalArgumentException("--rate must be >= 0, got " + rate);
      if (batch < 1 || batch > 1000)
        throw new IllegalArgumentException("--batch must be in 1..1000, got " + batch);
      if (presign < AUTO)
        throw new IllegalArgumentException("--presign must be >= 0, got " + presign);
    }

    /**
     * The same load for {@code d} as an unmeasured warm-up: fresh recipients of its own, no
     * receipts read back, its own pre-signed buffers.
     */
    Config warmup(Duration d) {
      return new Config(d, window, rate, poll, drainTimeout, 0, fees, ~salt, batch, AUTO, http);
    }

    /** Transactions each of {@code senders} signs before the window. */
    int presignPerSender(int senders) {
      if (presign != AUTO) return presign;
      return Presigner.defaultPerSender(
          duration.toNanos() / 1e9,
          rate,
          senders,
          window,
          PRESIGN_CEILING_TX_PER_SECOND,
          MAX_DEFAULT_PRESIGN);
    }
  }

  private final Config config;
  private final PrintWriter progress;
  private final List<RawTxSubmitter> submitters = new ArrayList<>();

  public TpsRun(Config config, PrintWriter progress) {
    this.config = config;
    this.progress = progress;
  }

  public TpsResult run(
      TargetChain chain, EthRpc rpc, long chainId, List<Secp256k1.KeyPair> keys, Workload workload)
      throws InterruptedException {
    int n = keys.size();
    int batch = Math.min(config.batch(), chain.batchLimit());
    List<Address> senders = keys.stream().map(Secp256k1.KeyPair::address).toList();
    long[] nonces = rpc.getTransactionCounts(senders, BlockTag.PENDING);
    String tag = "[" + chain.name() + " " + workload.name() + "]";
    List<SenderLane.TxMaker> makers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) makers.add(maker(i, keys.get(i), chainId, workload));
    List<TxBuffer> buffers =
        Presigner.sign(makers, nonces, config.presignPerSender(n), tag, progress);
    long startBlock = rpc.blockNumber();

    TxTracker tracker = new TxTracker(nonces);
    BlockWatcher watcher =
        new BlockWatcher(rpc, tracker, startBlock, config.poll(), System::nanoTime);
    progress.printf(
        "%s %d senders, window %d, batch %d, %s, %s, %d s, from block %d%n",
        tag,
        n,
        config.window(),
        batch,
        config.rate() > 0 ? "offering " + config.rate() + " tx/s" : "as fast as acknowledged",
        workload.description(),
        config.duration().toSeconds(),
        startBlock);

    ResourceMeter meter = new ResourceMeter(chain.pid());
    ResourceMeter.Sample atStart = meter.sample();
    long start = atStart.nanoTime();
    long end = start + config.duration().toNanos();
    List<SenderLane> lanes = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SenderLane lane =
          lane(
              i,
              nonces[i],
              batch,
              SenderLane.Pacing.share(config.rate(), i, n),
              end,
              tracker,
              rpc,
              chain,
              keys.get(i),
              buffers.get(i));
      lanes.add(lane);
      threads.add(Thread.ofPlatform().name("tps-sender-" + i).daemon().unstarted(lane));
    }
    Thread watcherThread = Thread.ofPlatform().name("tps-blocks").daemon().start(watcher);
    threads.forEach(Thread::start);
    ResourceMeter.Sample atEnd;
    try {
      long nextReport = start + 1_000_000_000L;
      for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
        long until = Math.min(end, nextReport);
        if (until > now) Thread.sleep(Duration.ofNanos(until - now));
        if (System.nanoTime() >= nextReport) {
          report(tag, (System.nanoTime() - start) / 1e9, tracker, watcher, lanes);
          nextReport += 1_000_000_000L;
        }
      }
      atEnd = meter.sample();
      for (Thread t : threads) t.join();
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
      for (Thread t : threads) t.join(1_000);
      submitters.forEach(RawTxSubmitter::close);
      submitters.clear();
    }
    watcher.pollOnce(); // a last look after the drain
    ResourceMeter.Sample drained = meter.sample();

    TxTracker.Tally tally = tracker.tally(start, end);
    ResourceUse resources =
        ResourceUse.of(
            atStart, atEnd, drained, tally.committedInWindow(), tally.included(), meter.memory());
    TpsResult r =
        RunSummary.result(
            chain,
            workload,
            config,
            batch,
            tally,
            watcher,
            lanes,
            buffers,
            end,
            resources,
            checkReceipts(rpc, tracker.includedHashes()));
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

  private SenderLane.TxMaker maker(int i, Secp256k1.KeyPair key, long chainId, Workload workload) {
    return (txNonce, seq) ->
        SignedTx.sign(
            workload.draft(
                chainId, txNonce, Workload.freshRecipient(config.salt(), i, seq), config.fees()),
            key);
  }

  private SenderLane lane(
      int i,
      long nonce,
      int batch,
      SenderLane.Pacing pacing,
      long end,
      TxTracker tracker,
      EthRpc rpc,
      TargetChain chain,
      Secp256k1.KeyPair key,
      TxBuffer buffer) {
    Address address = key.address();
    RawTxSubmitter submitter =
        RawTxSubmitter.of(config.http(), chain.rpcUrl(), Duration.ofSeconds(30));
    submitters.add(submitter);
    return new SenderLane(
        i,
        nonce,
        config.window(),
        batch,
        pacing,
        end,
        tracker,
        submitter,
        () -> rpc.getTransactionCount(address, BlockTag.PENDING),
        buffer,
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

  /** Reads back receipts (all, or a seeded sample). */
  private RunSummary.Receipts checkReceipts(EthRpc rpc, List<Bytes32> included) {
    List<Bytes32> sample = new ArrayList<>(included);
    if (sample.size() > config.receiptSample()) {
      Collections.shuffle(sample, new Random(config.salt()));
      sample = sample.subList(0, config.receiptSample());
    }
    long reverted = 0, missing = 0;
    for (int i = 0; i < sample.size(); i += 100) {
      List<Bytes32> part = sample.subList(i, Math.min(sample.size(), i + 100));
      for (Optional<TxReceipt> r : rpc.getTransactionReceipts(part)) {
        if (r.isEmpty()) missing++;
        else if (!r.get().succeeded()) reverted++;
      }
    }
    return new RunSummary.Receipts(sample.size(), reverted, missing);
  }
}
