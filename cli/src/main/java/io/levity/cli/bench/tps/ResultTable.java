package io.levity.cli.bench.tps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the results as one table per workload with the Levity/Hardhat ratios, and writes them as
 * JSON.
 */
public final class ResultTable {
  private ResultTable() {}

  /**
   * One table per workload, in the order the workloads first appear; {@code skipped}: target to
   * reason.
   */
  public static void print(PrintWriter out, List<TpsResult> results, Map<String, String> skipped) {
    Map<String, List<TpsResult>> byWorkload = new LinkedHashMap<>();
    for (TpsResult r : results)
      byWorkload.computeIfAbsent(r.workload(), k -> new ArrayList<>()).add(r);
    for (List<TpsResult> rows : byWorkload.values()) {
      TpsResult first = rows.get(0);
      out.printf(
          Locale.ROOT,
          "%n%s: %s; %d senders, window %d, %s, %s, %.0f s measured%n",
          first.workload(),
          first.workloadDescription(),
          first.senders(),
          first.window(),
          batches(rows),
          first.offeredRate() > 0
              ? String.format(Locale.ROOT, "offered %.0f tx/s", first.offeredRate())
              : "as fast as acknowledged",
          first.seconds());
      out.printf(
          Locale.ROOT,
          "%-9s %12s %12s %8s %8s %8s %8s %6s %7s%n",
          "target",
          "submitted/s",
          "committed/s",
          "p50 ms",
          "p90 ms",
          "p99 ms",
          "max ms",
          "lost",
          "failed");
      for (TpsResult r : rows) {
        LatencySummary l = r.latency();
        out.printf(
            Locale.ROOT,
            "%-9s %12.1f %12.1f %8.0f %8.0f %8.0f %8.0f %6d %7d%n",
            r.target(),
            r.submittedPerSecond(),
            r.committedPerSecond(),
            l.p50Ms(),
            l.p90Ms(),
            l.p99Ms(),
            l.maxMs(),
            r.lost(),
            r.failed());
      }
      printCosts(out, rows);
      for (Map.Entry<String, String> s : skipped.entrySet()) {
        out.printf("%-9s peer skipped: %s%n", s.getKey(), s.getValue());
      }
      TpsResult levity = find(rows, "levity");
      TpsResult hardhat = find(rows, "hardhat");
      if (levity != null && hardhat != null) out.println(ratios(levity, hardhat));
    }
    if (results.isEmpty()) {
      out.println("no results");
      skipped.forEach((target, reason) -> out.printf("%-9s peer skipped: %s%n", target, reason));
      return;
    }
    out.println();
    for (TpsResult r : results) {
      out.printf(
          Locale.ROOT,
          "%s %s: %s; %d blocks in the window (most of ours in one: %d), %d retries, "
              + "%d receipts checked, %d acknowledged, %d in blocks, %d requests, "
              + "%d pre-signed per sender, %d signed late%n",
          r.target(),
          r.workload(),
          r.targetDescription(),
          r.blocks(),
          r.maxTxPerBlock(),
          r.retries(),
          r.receiptsChecked(),
          r.acknowledged(),
          r.included(),
          r.client().requests(),
          r.client().presignedPerSender(),
          r.client().signedLate());
      for (String note : r.notes()) out.println("  note: " + note);
    }
    out.println(
        "latency: first send to first sight in a block by a client polling new blocks; levity blocks are"
            + " final when served (BFT), hardhat mines one block per transaction (automine)");
  }

  /** "batch 10", or per target where they differ ("batch levity 10, hardhat 1"). */
  static String batches(List<TpsResult> rows) {
    if (rows.stream().map(r -> r.client().batch()).distinct().count() == 1)
      return "batch " + rows.get(0).client().batch();
    StringBuilder b = new StringBuilder("batch ");
    for (TpsResult r : rows) {
      if (b.length() > 6) b.append(", ");
      b.append(r.target()).append(' ').append(r.client().batch());
    }
    return b.toString();
  }

  /**
   * What each target's transactions cost: its CPU per committed transaction (window; window and
   * drain), its CPU use, this client's and the whole machine's in the window, and its memory.
   */
  private static void printCosts(PrintWriter out, List<TpsResult> rows) {
    out.printf(
        Locale.ROOT,
        "%-9s %12s %12s %12s %12s %13s %8s %8s%n",
        "target",
        "CPU ms/tx",
        "+drain ms/tx",
        "target cores",
        "client cores",
        "machine cores",
        "RSS MiB",
        "peak MiB");
    for (TpsResult r : rows) {
      ResourceUse u = r.resources();
      out.printf(
          Locale.ROOT,
          "%-9s %12s %12s %12s %12s %13s %8s %8s%n",
          r.target(),
          figure(u.cpuSecondsPerCommittedTx() * 1000, u.cpuSecondsPerCommittedTx(), "%.3f"),
          figure(u.cpuSecondsPerIncludedTx() * 1000, u.cpuSecondsPerIncludedTx(), "%.3f"),
          figure(u.targetCores(), u.targetCores(), "%.2f"),
          figure(u.clientCores(), u.clientCores(), "%.2f"),
          figure(u.machineCores(), u.machineCores(), "%.2f"),
          figure(u.rssKib() / 1024.0, (double) u.rssKib(), "%.0f"),
          figure(u.peakRssKib() / 1024.0, (double) u.peakRssKib(), "%.0f"));
    }
  }

  /** {@code value} formatted, or "n/a" when {@code raw} is negative (unknown). */
  static String figure(double value, double raw, String format) {
    return raw < 0 ? "n/a" : String.format(Locale.ROOT, format, value);
  }

  /** "levity/hardhat: committed tx/s 3.20x, p50 latency 15.1x" (latency: higher is slower). */
  static String ratios(TpsResult levity, TpsResult hardhat) {
    return "levity/hardhat: committed tx/s "
        + ratio(levity.committedPerSecond(), hardhat.committedPerSecond())
        + ", p50 latency "
        + ratio(levity.latency().p50Ms(), hardhat.latency().p50Ms())
        + " (above 1: levity slower)"
        + cpuRatio(levity.resources(), hardhat.resources());
  }

  private static String cpuRatio(ResourceUse levity, ResourceUse hardhat) {
    double a = levity.cpuSecondsPerCommittedTx(), b = hardhat.cpuSecondsPerCommittedTx();
    return a < 0 || b < 0
        ? ""
        : ", CPU per committed tx " + ratio(a, b) + " (above 1: levity costlier)";
  }

  static String ratio(double a, double b) {
    return b > 0 ? String.format(Locale.ROOT, "%.2fx", a / b) : "n/a";
  }

  private static TpsResult find(List<TpsResult> rows, String target) {
    for (TpsResult r : rows) {
      if (r.target().equals(target)) return r;
    }
    return null;
  }

  /** Writes results, skipped peers and the options as JSON (temp file + atomic rename). */
  public static void writeJson(
      Path file, List<TpsResult> results, Map<String, String> skipped, Map<String, Object> options)
      throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("benchmark", "levity bench tps");
    root.put("finished", Instant.now().toString());
    ObjectNode machine = root.putObject("machine");
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put(
        "loadAverage1m", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    root.set("options", json.valueToTree(options));
    root.set("results", json.valueToTree(results));
    root.set("skipped", json.valueToTree(skipped));
    Path abs = file.toAbsolutePath();
    if (abs.getParent() != null) Files.createDirectories(abs.getParent());
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    json.writeValue(tmp.toFile(), root);
    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
