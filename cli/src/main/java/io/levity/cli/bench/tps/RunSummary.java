package io.levity.cli.bench.tps;

import java.util.ArrayList;
import java.util.List;

/** Turns what one run's parts counted into its {@link TpsResult} with notes on anything unusual. */
final class RunSummary {
  /** Receipts read back after the drain: how many, with status 0, and missing. */
  record Receipts(long checked, long reverted, long missing) {}

  private RunSummary() {}

  static TpsResult result(
      TargetChain chain,
      Workload workload,
      TpsRun.Config config,
      int batch,
      TxTracker.Tally tally,
      BlockWatcher watcher,
      List<SenderLane> lanes,
      List<TxBuffer> buffers,
      long endNanos,
      ResourceUse resources,
      Receipts receipts) {
    List<String> notes = new ArrayList<>();
    long rejected = 0, retries = 0, mismatches = 0, requests = 0;
    for (SenderLane l : lanes) {
      SenderLane.Stats s = l.stats();
      rejected += s.rejected();
      retries += s.retries();
      mismatches += s.hashMismatches();
      requests += s.requests();
      if (s.failure() != null) notes.add(s.failure());
      else if (s.lastRejection() != null) notes.add("sender refusal: " + s.lastRejection());
    }
    long signedLate = 0;
    for (TxBuffer b : buffers) signedLate += b.signedLate();
    int senders = lanes.size();
    int presigned = config.presignPerSender(senders);
    if (signedLate > 0 && presigned > 0) {
      notes.add(
          signedLate
              + " transactions were signed during the window (pre-signed: "
              + presigned
              + " per sender; raise --presign)");
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
    if (receipts.missing() > 0)
      notes.add(receipts.missing() + " transactions seen in blocks have no receipt");
    long blocksInWindow = 0, maxPerBlock = 0;
    for (BlockWatcher.SeenBlock b : watcher.blocks()) {
      if (b.seenNanos() <= endNanos) {
        blocksInWindow++;
        maxPerBlock = Math.max(maxPerBlock, b.ours());
      }
    }
    double secs = config.duration().toNanos() / 1e9;
    long bad = receipts.reverted() + receipts.missing();
    return new TpsResult(
        chain.name(),
        chain.description(),
        workload.name(),
        workload.description(),
        senders,
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
        receipts.checked(),
        bad,
        rejected + bad,
        retries,
        blocksInWindow,
        maxPerBlock,
        new TpsResult.Client(batch, requests, presigned, signedLate),
        resources,
        notes);
  }
}
