package io.levity.cli.sim;

import io.levity.consensus.sim.Behaviour;
import io.levity.consensus.sim.SafetyFault;
import io.levity.consensus.sim.SimConfig;
import io.levity.consensus.sim.SimMetrics;
import io.levity.consensus.sim.SimResult;
import io.levity.consensus.sim.Simulation;
import io.levity.consensus.sim.Violation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code levity sim ...}: deterministic simulations of Levity's protocols. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Seeded, deterministic simulations of Levity's protocols.",
    subcommands = {SimCommand.Consensus.class, CommandLine.HelpCommand.class})
public final class SimCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Runs the command on its own, before it is registered under {@code levity}. */
  public static void main(String[] args) {
    CommandLine cl = new CommandLine(new SimCommand());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    System.exit(cl.execute(args));
  }

  /**
   * {@code levity sim consensus}: runs seeds START..START+S-1 of the BFT simulator and checks every
   * one.
   */
  @Command(
      name = "consensus",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Runs the BFT consensus simulator over many seeds: n validators, f of them Byzantine, on a network",
        "with latency, drops, duplicates, reordering and partitions, with crashes and restarts, then a stable",
        "network (GST). Checks safety, liveness after GST and durability across restarts. Each seed is",
        "single-threaded and replays exactly; seeds run in parallel. Prints each failing seed with what broke and",
        "its metrics, then aggregate metrics, and ends with 'N passed, M failed' (exit code 1 if any failed)."
      })
  public static final class Consensus implements Callable<Integer> {
    @Option(
        names = "--validators",
        paramLabel = "N",
        description = "Number of validators (default ${DEFAULT-VALUE}).")
    int validators = 4;

    @Option(
        names = "--byzantine",
        paramLabel = "F",
        description = "Byzantine validators, f < n/3 (default: (n-1)/3).")
    Integer byzantine;

    @Option(
        names = "--seeds",
        paramLabel = "S",
        description = "Number of seeds to run (default ${DEFAULT-VALUE}).")
    int seeds = 100;

    @Option(
        names = "--start",
        paramLabel = "SEED",
        description = "First seed (default ${DEFAULT-VALUE}).")
    long start = 0;

    @Option(
        names = "--rounds",
        paramLabel = "R",
        description = "Rounds per run; faults stop at R/2 (GST) (default ${DEFAULT-VALUE}).")
    long rounds = 120;

    @Option(
        names = "--drop-rate",
        paramLabel = "P",
        description = "Message loss before GST (default ${DEFAULT-VALUE}).")
    double dropRate = 0.02;

    @Option(
        names = "--duplicate-rate",
        paramLabel = "P",
        description = "Duplicated messages (default ${DEFAULT-VALUE}).")
    double duplicateRate = 0.01;

    @Option(
        names = "--no-partitions",
        description = "No network partitions before GST (they are on by default).")
    boolean noPartitions;

    @Option(
        names = "--no-crashes",
        description = "No crashes and restarts before GST (they are on by default).")
    boolean noCrashes;

    @Option(
        names = "--crypto",
        paramLabel = "SCHEME",
        description =
            "FAST (keyed-hash stand-in, for many seeds) or ED25519 (default ${DEFAULT-VALUE}).")
    SimConfig.Crypto crypto = SimConfig.Crypto.FAST;

    @Option(
        names = "--behaviours",
        split = ",",
        paramLabel = "B",
        description =
            "Byzantine behaviours: ${COMPLETION-CANDIDATES} (default: a random mix per node and seed).")
    List<Behaviour> behaviours = new ArrayList<>();

    @Option(
        names = "--liveness-rounds",
        paramLabel = "L",
        description =
            "Every honest node must commit a new block within L rounds after GST (default: 2n+10).")
    int livenessRounds = 0;

    @Option(
        names = "--timeout-ms",
        paramLabel = "MS",
        description = "Base round timeout (default ${DEFAULT-VALUE}).")
    long timeoutMillis = 1_000;

    @Option(
        names = "--payload-bytes",
        paramLabel = "B",
        description = "Payload per block (default ${DEFAULT-VALUE}).")
    int payloadBytes = 64;

    @Option(
        names = "--latency-ms",
        paramLabel = "MS",
        description =
            "Mean exponential part of the message delay, on top of 5 ms (default ${DEFAULT-VALUE}).")
    double latencyMillis = 20;

    @Option(
        names = "--threads",
        paramLabel = "T",
        description = "Seeds run in parallel (default: available cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(
        names = "--unsafe-fault",
        paramLabel = "FAULT",
        hidden = true,
        description =
            "Test only: break honest nodes on purpose (${COMPLETION-CANDIDATES}) to see the checkers catch it.")
    SafetyFault unsafeFault = SafetyFault.NONE;

    @Option(
        names = {"-v", "--verbose"},
        description = "Print every seed's metrics, not only failures.")
    boolean verbose;

    @Option(
        names = "--trace",
        paramLabel = "LINES",
        description = "Print the first LINES trace events of failing seeds.")
    int traceLines = 0;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      SimConfig cfg;
      try {
        cfg = config();
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      PrintStream out = System.out;
      out.printf(
          Locale.ROOT,
          "sim consensus: n=%d f=%d seeds %d..%d rounds=%d crypto=%s drop=%.3f dup=%.3f"
              + " partitions=%s crashes=%s behaviours=%s%s%n",
          cfg.validators(),
          cfg.byzantine(),
          start,
          start + seeds - 1,
          cfg.rounds(),
          cfg.crypto(),
          cfg.dropRate(),
          cfg.duplicateRate(),
          cfg.partitions(),
          cfg.crashes(),
          cfg.behaviours().isEmpty() ? "random" : cfg.behaviours(),
          cfg.safetyFault() == SafetyFault.NONE ? "" : " UNSAFE-FAULT=" + cfg.safetyFault());
      long t0 = System.nanoTime();
      ExecutorService pool =
          Executors.newFixedThreadPool(
              Math.max(1, threads),
              r -> {
                Thread t = new Thread(r, "sim-seed");
                t.setDaemon(true);
                return t;
              });
      List<Future<SimResult>> futures = new ArrayList<>();
      try {
        for (long s = start; s < start + seeds; s++) {
          long seed = s;
          futures.add(pool.submit(() -> new Simulation(cfg, seed).run()));
        }
        Totals totals = new Totals();
        for (Future<SimResult> f : futures) {
          SimResult r;
          try {
            r = f.get();
          } catch (ExecutionException e) {
            throw new IllegalStateException("a seed crashed the simulator", e.getCause());
          }
          totals.add(r);
          if (!r.passed()) printFailure(out, r);
          else if (verbose) out.println("seed " + r.seed() + " ok: " + r.metrics().summary());
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        out.print(totals.summary(secs));
        out.println(totals.passed + " passed, " + totals.failed + " failed");
        return totals.failed == 0 ? 0 : 1;
      } finally {
        pool.shutdownNow();
      }
    }

    private SimConfig config() {
      int f = byzantine != null ? byzantine : (validators - 1) / 3;
      if (seeds < 1) throw new IllegalArgumentException("--seeds must be at least 1");
      Set<Behaviour> bs = behaviours.isEmpty() ? Set.of() : EnumSet.copyOf(behaviours);
      SimConfig.Builder b = SimConfig.builder(validators, f);
      b.rounds = rounds;
      b.crashes = !noCrashes;
      b.partitions = !noPartitions;
      b.dropRate = dropRate;
      b.duplicateRate = duplicateRate;
      b.crypto = crypto;
      b.behaviours = bs;
      b.safetyFault = unsafeFault;
      b.livenessRounds = livenessRounds;
      b.latency =
          new SimConfig.Latency(
              5,
              latencyMillis,
              SimConfig.Latency.DEFAULT.spikeRate(),
              SimConfig.Latency.DEFAULT.spikeMaxMillis(),
              SimConfig.Latency.DEFAULT.gstCapMillis());
      b.payloadBytes = payloadBytes;
      b.baseTimeoutMillis = timeoutMillis;
      b.traceLines = traceLines;
      return b.build();
    }

    private void printFailure(PrintStream out, SimResult r) {
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

  /** Aggregates over seeds. */
  private static final class Totals {
    int passed;
    int failed;
    long commits;
    long rounds;
    long messages;
    long bytes;
    double simSeconds;
    long worstResume = -1;

    void add(SimResult r) {
      if (r.passed()) passed++;
      else failed++;
      SimMetrics m = r.metrics();
      commits += m.commits();
      rounds += m.maxRound();
      messages += m.messages();
      bytes += m.bytes();
      simSeconds += m.simSeconds();
      worstResume = Math.max(worstResume, m.resumedWithinRounds());
    }

    String summary(double wallSeconds) {
      return String.format(
          Locale.ROOT,
          "metrics over all seeds: %.2f commits/sim-s, %.2f rounds/commit,"
              + " %.1f messages/commit, %.0f bytes/commit; worst rounds after GST until all honest nodes committed: %d;"
              + " wall %.1fs%n",
          simSeconds == 0 ? 0 : commits / simSeconds,
          commits == 0 ? 0 : (double) rounds / commits,
          commits == 0 ? 0 : (double) messages / commits,
          commits == 0 ? 0 : (double) bytes / commits,
          worstResume,
          wallSeconds);
    }
  }
}
