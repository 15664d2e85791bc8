package io.levity.cli.bench.imports;

import com.sun.management.OperatingSystemMXBean;
import io.levity.cli.bench.imports.ImportChain.Segment;
import io.levity.cli.bench.tps.TokenSetup;
import io.levity.cli.options.LevityHomeOption;
import io.levity.cli.process.Directories;
import io.levity.core.bytes.Bytes;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code levity bench import}: builds blocks offline (not timed), then imports them into four fresh
 * RocksDB stores, interleaved: end to end through {@code ChainExecutor} as a validator does, on one
 * thread and on all; staged on one thread; staged with the senders recovered on all.
 */
@Command(name = "import", sortOptions = false)
public final class ImportBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LevityHomeOption home;

  @Option(names = "--workload", paramLabel = "eth|erc20|mixed|all", split = ",")
  List<String> workloads = new ArrayList<>(List.of("all"));

  @Option(names = "--blocks", paramLabel = "N")
  int blocks = 8;

  @Option(names = "--warmup", paramLabel = "N")
  int warmup = 3;

  @Option(names = "--txs-per-block", paramLabel = "N")
  int txsPerBlock;

  @Option(names = "--senders", paramLabel = "N")
  int senders = 1000;

  @Option(names = "--threads", paramLabel = "T")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--data-dir", paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--json", paramLabel = "FILE")
  Path json;

  @Option(names = "--seed", paramLabel = "SEED")
  Long seed;

  @Override
  public Integer call() throws IOException {
    ImportChainBuilder.Settings settings = settings();
    PrintWriter err = spec.commandLine().getErr();
    Bytes initcode =
        settings.workloads().stream().anyMatch(ImportWorkload::usesToken)
            ? TokenSetup.benchTokenInitcode(home.root())
            : Bytes.EMPTY;
    ImportChain chain = new ImportChainBuilder(settings, initcode, err).build();
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("levity-bench-import-");
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Meters meters =
        new Meters(
            System::nanoTime,
            os::getProcessCpuTime,
            () ->
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                    .sum());
    try {
      err.printf("levity: importing into four fresh RocksDB stores under %s, interleaved%n", dir);
      Map<String, Map<String, StageTimes>> all = ImportRuns.all(dir, chain, threads, meters, err);
      List<ImportReport.Runs> runs = new ArrayList<>();
      for (Segment s : chain.segments()) {
        if (s.measured().isEmpty()) continue;
        String n = s.name();
        runs.add(
            new ImportReport.Runs(
                s,
                all.get(ImportRuns.END_TO_END).get(n),
                all.get(ImportRuns.END_TO_END_PARALLEL).get(n),
                all.get(ImportRuns.STAGED).get(n),
                all.get(ImportRuns.PARALLEL).get(n),
                threads));
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT,
          "levity bench import: blocks built offline, imported into fresh RocksDB stores; %d cores;"
              + " %d warm-up blocks per workload not timed; seed %d%n",
          Runtime.getRuntime().availableProcessors(),
          settings.warmupBlocks(),
          settings.seed());
      ImportReport.print(out, runs);
      out.println(
          "end to end = Payload.decode + ChainExecutor.executeAndStore per block, with a validation"
              + " cache of its own, on a pool of 1 or N threads (its parallel validation uses it).");
      out.println(
          "CPU is the process's (JIT, GC, RocksDB threads too). The four imports run interleaved"
              + " block by block; a full GC before each workload's measured blocks.");
      if (json != null) ImportReport.writeJson(json, runs, options(settings));
      return 0;
    } finally {
      if (dataDir == null) Directories.deleteTree(dir);
    }
  }

  private ImportChainBuilder.Settings settings() {
    List<ImportWorkload> chosen = new ArrayList<>();
    for (String w : workloads) {
      if (w.equals("all")) {
        for (ImportWorkload x : ImportWorkload.values()) if (!chosen.contains(x)) chosen.add(x);
        continue;
      }
      try {
        ImportWorkload x = ImportWorkload.of(w);
        if (!chosen.contains(x)) chosen.add(x);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--workload: " + e.getMessage());
      }
    }
    require(blocks >= 1 && blocks <= 10_000, "--blocks must be in 1..10000");
    require(warmup >= 0 && warmup <= 1000, "--warmup must be in 0..1000");
    require(txsPerBlock >= 0 && txsPerBlock <= 20_000, "--txs-per-block must be in 0..20000");
    require(senders >= 2 && senders <= 100_000, "--senders must be in 2..100000");
    require(threads >= 1 && threads <= 256, "--threads must be in 1..256");
    return new ImportChainBuilder.Settings(
        chosen, blocks, warmup, txsPerBlock, senders, seed == null ? 1 : seed);
  }

  private void require(boolean ok, String message) {
    if (!ok) throw new ParameterException(spec.commandLine(), message);
  }

  private Map<String, Object> options(ImportChainBuilder.Settings s) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("workloads", s.workloads().stream().map(w -> w.label).toList());
    o.put("blocks", s.blocks());
    o.put("warmup", s.warmupBlocks());
    o.put("txsPerBlock", s.txsPerBlock());
    o.put("senders", s.senders());
    o.put("threads", threads);
    o.put("seed", s.seed());
    return o;
  }
}
