package io.levity.cli.sim;

import io.levity.cli.options.OptionValues;
import io.levity.cli.options.VerboseOption;
import io.levity.consensus.sim.SafetyFault;
import io.levity.consensus.sim.SimConfig;
import io.levity.consensus.sim.SimResult;
import io.levity.consensus.sim.Simulation;
import io.levity.consensus.sim.Violation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code levity sim consensus}: runs seeds START..START+S-1 of the BFT simulator and checks every
 * one.
 */
@Command(name = "consensus", sortOptions = false)
public final class SimConsensusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommitteeOptions committee;
  @Mixin SeedOptions seedOptions;
  @Mixin RunOptions run;
  @Mixin ChaosOptions chaos;
  @Mixin VerboseOption verbose;

  @Option(names = "--trace", paramLabel = "LINES")
  int traceLines;

  @Override
  public Integer call() throws InterruptedException {
    SeedOptions.Seeds seeds = OptionValues.validated(spec, seedOptions::seeds);
    SimConfig cfg = OptionValues.validated(spec, this::config);
    PrintWriter out = spec.commandLine().getOut();
    printHeader(out, cfg, seeds);
    long t0 = System.nanoTime();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            seeds.threads(), r -> Thread.ofPlatform().name("sim-seed").daemon().unstarted(r));
    try {
      List<Future<SimResult>> futures = new ArrayList<>();
      for (long s = seeds.start(); s <= seeds.last(); s++) {
        long seed = s;
        futures.add(pool.submit(() -> new Simulation(cfg, seed).run()));
      }
      SeedTotals totals = new SeedTotals();
      for (Future<SimResult> f : futures) {
        SimResult r;
        try {
          r = f.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("a seed crashed the simulator", e.getCause());
        }
        totals.add(r);
        if (!r.passed()) printFailure(out, r);
        else if (verbose.verbose())
          out.println("seed " + r.seed() + " ok: " + r.metrics().summary());
      }
      out.print(totals.summary((System.nanoTime() - t0) / 1e9));
      out.println(totals.passed + " passed, " + totals.failed + " failed");
      return totals.failed == 0 ? 0 : 1;
    } finally {
      pool.shutdownNow();
    }
  }

  private SimConfig config() {
    SimConfig.Builder b = committee.committee().builder();
    run.shape().applyTo(b);
    chaos.chaos().applyTo(b);
    b.traceLines = traceLines;
    return b.build();
  }

  private static void printHeader(PrintWriter out, SimConfig cfg, SeedOptions.Seeds seeds) {
    out.printf(
        Locale.ROOT,
        "sim consensus: n=%d f=%d seeds %d..%d rounds=%d crypto=%s drop=%.3f dup=%.3f"
            + " partitions=%s crashes=%s behaviours=%s%s%n",
        cfg.validators(),
        cfg.byzantine(),
        seeds.start(),
        seeds.last(),
        cfg.rounds(),
        cfg.crypto(),
        cfg.dropRate(),
        cfg.duplicateRate(),
        cfg.partitions(),
        cfg.crashes(),
        cfg.behaviours().isEmpty() ? "random" : cfg.behaviours(),
        cfg.safetyFault() == SafetyFault.NONE ? "" : " UNSAFE-FAULT=" + cfg.safetyFault());
  }

  private static void printFailure(PrintWriter out, SimResult r) {
    out.println(
        "FAIL seed "
            + r.seed()
            + ": "
            + r.violationCount()
            + " violation(s); replay with --start "
            + r.seed()
            + " --seeds 1");
    for (Violation v : r.violations()) out.println("  " + v);
    out.println("  metrics: " + r.metrics().summary());
    for (String line : r.traceLines()) out.println("  trace: " + line);
  }
}
