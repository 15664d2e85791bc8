package io.levity.cli.chaos;

import io.levity.cli.process.LevityLauncher;
import io.levity.core.bytes.Bytes32;
import io.levity.core.time.TimeSource;
import io.levity.node.keys.DevAccounts;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.TxReceipt;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One chaos run: starts the network, starts the load, carries out the schedule (waiting before each
 * fault until every node has caught up, so that no more than one validator is ever down or cut
 * off), stops the load, lets the network settle and reports.
 */
final class ChaosRun {
  /** A repaired validator counts as recovered within this many blocks of the highest node. */
  private static final long SLACK = 2;

  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(2);

  /**
   * What to run.
   *
   * @param validators validator processes
   * @param duration how long the load runs and the schedule spans
   * @param schedule the faults
   * @param rate transfers a second over all senders
   * @param senders dev accounts sending
   * @param blockTimeMillis the network's block time
   * @param settleTimeout after the load stops, how long acknowledged transactions may take
   */
  record Settings(
      int validators,
      Duration duration,
      ChaosSchedule schedule,
      double rate,
      int senders,
      long blockTimeMillis,
      Duration settleTimeout) {}

  private final Settings settings;
  private final LevityLauncher launcher;
  private final Path dir;
  private final PrintWriter log;
  private final TimeSource clock;
  private final List<String> notes = new ArrayList<>();
  private long startNanos;

  ChaosRun(
      Settings settings, LevityLauncher launcher, Path dir, PrintWriter log, TimeSource clock) {
    this.settings = settings;
    this.launcher = launcher;
    this.dir = dir;
    this.log = log;
    this.clock = clock;
  }

  ChaosReport run() throws IOException {
    startNanos = clock.nanoTime();
    try (ChaosNetwork net =
        ChaosNetwork.start(launcher, dir, settings.validators(), settings.blockTimeMillis())) {
      List<EthRpc> rpcs = new ArrayList<>();
      for (int i = 0; i < net.size(); i++) rpcs.add(EthRpc.connect(net.rpcUrl(i), rpcTimeout()));
      NetworkProbe probe = new NetworkProbe(rpcs, clock);
      if (!probe.await(START_TIMEOUT, () -> probe.allCaughtUp(0) && probe.maxHeight() >= 2)) {
        throw new IOException("the network did not start within " + START_TIMEOUT + net.logs());
      }
      say("network of " + net.size() + " validators up, logs in " + dir);
      TransferLoad load =
          new TransferLoad(rpcs, DevAccounts.dev(settings.senders()), settings.rate(), clock);
      long[] recovered;
      try (load) {
        load.start();
        long loadStart = clock.nanoTime();
        recovered = carryOut(net, probe, loadStart);
        probe.sleepUntil(loadStart + settings.duration().toNanos());
      }
      say("load stopped; settling");
      return settle(probe, load, recovered);
    }
  }

  private Duration rpcTimeout() {
    return Duration.ofSeconds(5);
  }

  /**
   * Applies each fault in turn, its times counted from {@code t0}; returns kills survived and
   * partitions healed.
   */
  private long[] carryOut(ChaosNetwork net, NetworkProbe probe, long t0) throws IOException {
    long killsSurvived = 0;
    long partitionsHealed = 0;
    for (ChaosSchedule.Fault f : settings.schedule().faults()) {
      probe.sleepUntil(t0 + f.at().toNanos());
      if (!probe.await(RECOVERY_TIMEOUT, () -> probe.allCaughtUp(SLACK))) {
        note("before " + f + ": the network had not caught up: " + heights(probe));
      }
      say(f.kind() + " validator " + f.node() + " (" + heights(probe) + ")");
      long repairAt = clock.nanoTime() + f.hold().toNanos();
      if (f.kind() == ChaosSchedule.Kind.KILL) net.kill(f.node());
      else net.isolate(f.node());
      probe.sleepUntil(repairAt);
      if (f.kind() == ChaosSchedule.Kind.KILL) net.restart(f.node());
      else net.heal(f.node());
      say("repaired validator " + f.node() + " (" + heights(probe) + ")");
      if (probe.await(RECOVERY_TIMEOUT, () -> probe.caughtUp(f.node(), SLACK))) {
        say("validator " + f.node() + " caught up (" + heights(probe) + ")");
        if (f.kind() == ChaosSchedule.Kind.KILL) killsSurvived++;
        else partitionsHealed++;
      } else {
        note(f.kind() + " of validator " + f.node() + ": not caught up: " + heights(probe));
      }
    }
    return new long[] {killsSurvived, partitionsHealed};
  }

  /**
   * Waits for every acknowledged transaction's receipt on node 0 and for every node to reach the
   * same height; then compares their heads there.
   */
  private ChaosReport settle(NetworkProbe probe, TransferLoad load, long[] recovered) {
    List<Bytes32> acked = new ArrayList<>(load.acknowledged());
    Set<Bytes32> found = new HashSet<>();
    List<TxReceipt> receipts = new ArrayList<>();
    probe.await(
        settings.settleTimeout(),
        () -> {
          List<Bytes32> missing = acked.stream().filter(h -> !found.contains(h)).toList();
          for (TxReceipt r : probe.receipts(0, missing)) {
            if (found.add(r.transactionHash())) receipts.add(r);
          }
          return found.size() == acked.size();
        });
    acked.stream()
        .filter(h -> !found.contains(h))
        .limit(10)
        .forEach(h -> note("lost: " + h.toHex() + " (acknowledged, no receipt on node 0)"));
    long failed = receipts.stream().filter(r -> !r.succeeded()).count();
    long target = probe.maxHeight();
    if (!probe.await(
        settings.settleTimeout(),
        () -> {
          for (long h : probe.heights()) if (h < target) return false;
          return true;
        })) {
      note("not every node reached height " + target + ": " + heights(probe));
    }
    long common = Long.MAX_VALUE;
    for (long h : probe.heights()) common = Math.min(common, h);
    common = Math.min(common, target);
    List<String> heads = new ArrayList<>();
    for (int i = 0; i < settings.validators(); i++) heads.add(probe.head(i, common));
    boolean agree = common >= 0 && heads.stream().distinct().count() == 1;
    if (agree && !heads.get(0).matches("0x\\p{XDigit}{64} 0x\\p{XDigit}{64}")) agree = false;
    load.errors().forEach(this::note);
    ChaosSchedule schedule = settings.schedule();
    return new ChaosReport(
        schedule.seed(),
        acked.size(),
        found.size(),
        failed,
        acked.size() - found.size(),
        load.refusals(),
        schedule.count(ChaosSchedule.Kind.KILL),
        recovered[0],
        schedule.count(ChaosSchedule.Kind.PARTITION),
        recovered[1],
        agree,
        common,
        heads,
        Duration.ofNanos(clock.nanoTime() - startNanos),
        notes);
  }

  private static String heights(NetworkProbe probe) {
    StringBuilder sb = new StringBuilder("heights");
    for (long h : probe.heights()) sb.append(' ').append(h < 0 ? "down" : Long.toString(h));
    return sb.toString();
  }

  private void note(String what) {
    notes.add(what);
    say("note: " + what);
  }

  private void say(String what) {
    log.printf("[%6.1fs] %s%n", (clock.nanoTime() - startNanos) / 1e9, what);
    log.flush();
  }
}
