package io.levity.cli.bench.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.cli.bench.imports.ImportChain.Segment;
import io.levity.cli.bench.imports.StageTimes.Stage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The tables and the JSON of {@code levity bench import}. */
final class ImportReport {
  /**
   * One workload's four runs.
   *
   * @param endToEndParallel end to end with the executor's parallel validation on {@code threads}
   * @param parallel staged, with the senders recovered on {@code threads} threads
   */
  record Runs(
      Segment segment,
      StageTimes endToEnd,
      StageTimes endToEndParallel,
      StageTimes staged,
      StageTimes parallel,
      int threads) {}

  private ImportReport() {}

  static void print(PrintWriter out, List<Runs> all) {
    for (Runs r : all) {
      Segment s = r.segment();
      out.printf(
          Locale.ROOT,
          "%nworkload %s: %d blocks x %d txs = %,d txs, %.1f Mgas (%.0f gas/tx); %s%n",
          s.name(),
          s.measured().size(),
          s.measured().get(0).transactions(),
          s.measuredTransactions(),
          s.measuredGas() / 1e6,
          (double) s.measuredGas() / s.measuredTransactions(),
          s.workload().map(w -> w.description).orElse(""));
      out.printf(
          Locale.ROOT,
          "%-32s | %11s %9s %6s | %11s %9s %6s%n",
          "stage",
          "1 thread ms",
          "µs/tx",
          "share",
          "parallel ms",
          "µs/tx",
          "share");
      for (Stage st : Stage.values()) row(out, st.label, r.staged(), r.parallel(), st);
      row(out, "total (staged)", r.staged(), r.parallel(), null);
      line(out, "end to end, ChainExecutor, 1 thread", r.endToEnd());
      line(out, "end to end, ChainExecutor, " + r.threads() + " threads", r.endToEndParallel());
      line(out, "staged, 1 thread", r.staged());
      line(out, "staged, senders recovered on " + r.threads() + " threads", r.parallel());
      out.printf(
          Locale.ROOT, "GC during the four imports of these blocks: %,d ms%n", r.staged().gcMillis);
    }
    out.flush();
  }

  private static void row(PrintWriter out, String label, StageTimes one, StageTimes par, Stage st) {
    out.printf(
        Locale.ROOT,
        "%-32s | %11.1f %9.2f %5.1f%% | %11.1f %9.2f %5.1f%%%n",
        label,
        ms(one, st),
        one.microsPerTx(nanos(one, st)),
        100.0 * nanos(one, st) / one.wallNanos,
        ms(par, st),
        par.microsPerTx(nanos(par, st)),
        100.0 * nanos(par, st) / par.wallNanos);
  }

  private static long nanos(StageTimes t, Stage st) {
    return st == null ? t.wallNanos : t.nanos(st);
  }

  private static double ms(StageTimes t, Stage st) {
    return nanos(t, st) / 1e6;
  }

  private static void line(PrintWriter out, String label, StageTimes t) {
    out.printf(
        Locale.ROOT,
        "%-48s %,9.0f tx/s %7.1f Mgas/s %8.2f µs/tx  CPU %6.2f s (%.2f cores)%n",
        label + ":",
        t.txPerSecond(),
        t.mgasPerSecond(),
        t.microsPerTx(t.wallNanos),
        t.cpuNanos / 1e9,
        t.cores());
  }

  static void writeJson(Path file, List<Runs> all, Map<String, Object> options) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("benchmark", "levity bench import");
    root.put("cores", Runtime.getRuntime().availableProcessors());
    root.set("options", json.valueToTree(options));
    List<ObjectNode> workloads = new ArrayList<>();
    for (Runs r : all) {
      ObjectNode w = json.createObjectNode();
      w.put("workload", r.segment().name());
      w.put("blocks", r.segment().measured().size());
      w.put("transactions", r.segment().measuredTransactions());
      w.put("gas", r.segment().measuredGas());
      w.put("recoveryThreads", r.threads());
      w.put("gcMs", r.staged().gcMillis);
      w.set("endToEnd", run(json, r.endToEnd()));
      w.set("endToEndParallel", run(json, r.endToEndParallel()));
      w.set("staged", run(json, r.staged()));
      w.set("stagedParallelRecovery", run(json, r.parallel()));
      workloads.add(w);
    }
    root.set("workloads", json.valueToTree(workloads));
    Path abs = file.toAbsolutePath();
    if (abs.getParent() != null) Files.createDirectories(abs.getParent());
    json.writeValue(abs.toFile(), root);
  }

  private static ObjectNode run(ObjectMapper json, StageTimes t) {
    ObjectNode n = json.createObjectNode();
    n.put("wallMs", t.wallNanos / 1e6);
    n.put("cpuMs", t.cpuNanos / 1e6);
    n.put("txPerSecond", t.txPerSecond());
    n.put("mgasPerSecond", t.mgasPerSecond());
    if (t.nanos(Stage.EXECUTE) == 0) return n; // end to end: no stages
    ObjectNode stages = n.putObject("stageMicrosPerTx");
    for (Stage st : Stage.values())
      stages.put(st.name().toLowerCase(Locale.ROOT), t.microsPerTx(t.nanos(st)));
    return n;
  }
}
