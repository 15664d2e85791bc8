package io.levity.cli.bench.tps;

import io.levity.cli.bench.tps.TpsTargetOptions.Targets;
import io.levity.cli.options.LevityHomeOption;
import io.levity.core.crypto.Secp256k1;
import io.levity.node.keys.DevAccounts;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code levity bench tps}: transaction throughput and inclusion latency of a Levity devnet, side
 * by side with a Hardhat 2 node driven by the same Java client on the same workload.
 */
@Command(name = "tps", sortOptions = false)
public final class TpsBenchCommand implements Callable<Integer> {
  /** The workloads to run. */
  enum WorkloadChoice {
    eth,
    erc20,
    both
  }

  @Spec CommandSpec spec;
  @Mixin TpsLoadOptions load;

  @Option(names = "--workload", paramLabel = "eth|erc20|both")
  WorkloadChoice workload = WorkloadChoice.both;

  @Option(names = "--senders", paramLabel = "N")
  int senders = 20;

  @Mixin TpsTargetOptions targetOptions;

  @Option(names = "--json", paramLabel = "FILE")
  Path json;

  @Mixin LevityHomeOption home;

  @Override
  public Integer call() throws IOException, InterruptedException {
    preloadOwnClasses();
    if (senders < 1 || senders > 1000)
      throw new ParameterException(
          spec.commandLine(), "--senders must be in 1..1000, got " + senders);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TpsRun.Config config = load.config(ThreadLocalRandom.current().nextLong());
    Targets targets = targetOptions.targets();
    List<Secp256k1.KeyPair> keys = DevAccounts.dev(senders);
    ChainBench bench =
        new ChainBench(
            new TpsRun(config, err),
            load.warmup().map(d -> new TpsRun(config.warmup(d), err)),
            keys,
            workload != WorkloadChoice.erc20,
            workload != WorkloadChoice.eth,
            home::root,
            err);
    List<TpsResult> results = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    if (targets.levity()) {
      try (TargetChain chain =
          targets.rpc().isPresent()
              ? new TargetChain.Existing("levity", targets.rpc().get(), senders)
              : LevityDevnet.start(
                  Math.max(10, senders),
                  targets.blockTimeMillis(),
                  targets.gasLimit(),
                  targets.validators(),
                  err)) {
        results.addAll(bench.runOn(chain));
      }
    }
    if (targets.hardhat()) {
      String reason = runOnHardhat(bench, targets, results);
      if (reason != null) {
        skipped.put("hardhat", reason);
        err.println("hardhat: peer skipped: " + reason);
      }
    }
    ResultTable.print(out, results, skipped);
    if (json != null) {
      ResultTable.writeJson(json, results, skipped, options(config, targets));
      out.println("results written to " + json.toAbsolutePath());
    }
    out.flush();
    long lost = results.stream().mapToLong(TpsResult::lost).sum();
    if (lost > 0) {
      err.println("levity: " + lost + " acknowledged transactions never reached a block");
      return 1;
    }
    return results.isEmpty() ? 1 : 0;
  }

  /** Runs on Hardhat; the reason it could not, or null. Levity's figures stand either way. */
  private String runOnHardhat(ChainBench bench, Targets targets, List<TpsResult> results)
      throws InterruptedException {
    if (senders > HardhatPeer.ACCOUNTS) {
      return "Hardhat funds "
          + HardhatPeer.ACCOUNTS
          + " dev accounts, --senders "
          + senders
          + " asks for more";
    }
    try (TargetChain chain =
        targets.hardhatRpc().isPresent()
            ? new TargetChain.Existing("hardhat", targets.hardhatRpc().get(), senders)
            : HardhatPeer.start(home.root(), spec.commandLine().getErr())) {
      results.addAll(bench.runOn(chain));
      return null;
    } catch (HardhatPeer.Unavailable e) {
      return e.getMessage();
    } catch (IOException | RuntimeException e) {
      return "the run on Hardhat failed: " + e.getMessage();
    }
  }

  /**
   * {@code ./levity} rebuilds the CLI jar whenever sources change, also while a benchmark of
   * several minutes runs from it; classes not loaded by then could no longer be read. Loads this
   * command's classes up front.
   */
  private static void preloadOwnClasses() throws IOException {
    CodeSource source = TpsBenchCommand.class.getProtectionDomain().getCodeSource();
    if (source == null || !source.getLocation().getPath().endsWith(".jar"))
      return; // a classes directory
    ClassLoader loader = TpsBenchCommand.class.getClassLoader();
    try (JarFile jar = new JarFile(new File(URI.create(source.getLocation().toString())))) {
      for (JarEntry e : Collections.list(jar.entries())) {
        String name = e.getName();
        if (name.startsWith("io/levity/cli/") && name.endsWith(".class")) {
          try {
            Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
          } catch (ClassNotFoundException ex) {
            throw new IOException("cannot load " + name + " from " + source.getLocation(), ex);
          }
        }
      }
    }
  }

  private Map<String, Object> options(TpsRun.Config config, Targets targets) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("duration", config.duration().toMillis() / 1000.0);
    o.put("workload", workload.name());
    o.put("senders", senders);
    o.put("target", targets.target().name());
    o.put("window", config.window());
    o.put("rate", config.rate());
    o.put("pollMillis", config.poll().toMillis());
    o.put("drainTimeoutSeconds", config.drainTimeout().toSeconds());
    o.put("receiptSample", config.receiptSample());
    o.put("batch", config.batch());
    o.put("http", config.http().name());
    o.put("presignPerSender", config.presignPerSender(senders));
    targets.rpc().ifPresent(u -> o.put("rpc", u.toString()));
    targets.hardhatRpc().ifPresent(u -> o.put("hardhatRpc", u.toString()));
    if (targets.blockTimeMillis() > 0) o.put("blockTimeMillis", targets.blockTimeMillis());
    if (targets.gasLimit() > 0) o.put("gasLimit", targets.gasLimit());
    if (targets.validators() > 0) o.put("validators", targets.validators());
    return o;
  }
}
