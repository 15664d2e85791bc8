package io.levity.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.cli.bench.EvmWorkloads.Result;
import io.levity.cli.options.LevityHomeOption;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code levity bench evm}: runs the Solidity workloads of bench/evm on Levity's interpreter and on
 * the {@code @ethereumjs/evm} peer, and prints Mgas/s for both with the ratio.
 */
@Command(name = "evm", sortOptions = false)
public final class EvmBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--seconds", paramLabel = "S")
  double seconds = 3;

  @Option(names = "--no-peer")
  boolean noPeer;

  @Option(names = "--workload", paramLabel = "NAME")
  List<String> only;

  @Mixin LevityHomeOption home;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = home.root().resolve("bench/evm");
    JsonNode workloads =
        new ObjectMapper().readTree(dir.resolve("workloads.json").toFile()).get("workloads");
    Map<String, Result> ours = new LinkedHashMap<>();
    for (Entry<String, JsonNode> w : workloads.properties()) {
      if (only != null && !only.isEmpty() && !only.contains(w.getKey())) continue;
      err.printf("levity: running %s ...%n", w.getKey());
      ours.put(w.getKey(), EvmWorkloads.runLevity(w.getKey(), w.getValue(), seconds));
    }
    Map<String, Result> peer =
        noPeer ? Map.of() : EvmWorkloads.runPeer(dir, ours.keySet(), seconds, err);
    out.printf(
        "%-12s %12s %14s %14s %10s  %s%n",
        "workload", "gas/call", "levity Mgas/s", "peer Mgas/s", "ratio", "outputs");
    for (Result r : ours.values()) {
      Result p = peer.get(r.name());
      String ratio = p == null ? "-" : String.format("%.2fx", r.mgasPerSec() / p.mgasPerSec());
      String match =
          p == null
              ? "-"
              : (p.output().equals(r.output()) && p.gasPerCall() == r.gasPerCall()
                  ? "same output and gas"
                  : "DIFFER: peer " + p.output() + " gas " + p.gasPerCall());
      out.printf(
          "%-12s %12d %14.1f %14s %10s  %s%n",
          r.name(),
          r.gasPerCall(),
          r.mgasPerSec(),
          p == null ? "-" : String.format("%.1f", p.mgasPerSec()),
          ratio,
          match);
    }
    out.println(
        "peer: "
            + (noPeer ? "not run" : "@ethereumjs/evm (Node.js " + EvmWorkloads.nodeVersion() + ")")
            + "; ratio = levity / peer; "
            + seconds
            + " s measured per workload and engine");
    return 0;
  }
}
