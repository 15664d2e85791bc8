package io.levity.cli.bench.tps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.cli.Levity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code levity bench tps} end to end for a few seconds: a child devnet on free ports, both
 * workloads, JSON out. The Hardhat case runs only where the peer is installed already
 * (bench/tps/.hardhat-peer), never installing it.
 */
class TpsBenchIT {
  @TempDir Path dir;

  private record Run(int exitCode, String stdout, JsonNode json) {}

  private Run bench(String... args) throws Exception {
    StringWriter buf = new StringWriter();
    Path json = dir.resolve("tps.json");
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(
        new String[] {"--json", json.toString(), "--drain-timeout", "30s"}, 0, all, args.length, 4);
    CommandLine cl = Levity.commandLine(Map.of());
    cl.setOut(new PrintWriter(buf, true));
    int code = cl.execute(all);
    String out = buf.toString();
    System.out.print(out);
    return new Run(
        code, out, Files.exists(json) ? new ObjectMapper().readTree(json.toFile()) : null);
  }

  @Test
  void levityCommitsEveryAcknowledgedTransaction() throws Exception {
    Run r =
        bench(
            "bench",
            "tps",
            "--target",
            "levity",
            "--workload",
            "both",
            "--duration",
            "3s",
            "--warmup-time",
            "1s",
            "--senders",
            "4",
            "--window",
            "32",
            "--block-time",
            "200",
            "--batch",
            "8");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout())
        .contains("eth: ETH transfers")
        .contains("erc20: ERC-20 transfer")
        .containsPattern("levity +[0-9.]+ +[0-9.]+");
    assertThat(r.json().get("results")).hasSize(2);
    for (JsonNode result : r.json().get("results")) {
      assertThat(result.get("target").asText()).isEqualTo("levity");
      assertThat(result.get("committed").asLong())
          .as("committed %s", result.get("workload"))
          .isPositive();
      assertThat(result.get("lost").asLong()).isZero();
      assertThat(result.get("failed").asLong()).isZero();
      assertThat(result.get("included").asLong()).isEqualTo(result.get("acknowledged").asLong());
      assertThat(result.get("receiptsChecked").asLong()).isPositive();
      JsonNode latency = result.get("latency");
      assertThat(latency.get("p50Ms").asDouble())
          .isPositive()
          .isLessThanOrEqualTo(latency.get("p99Ms").asDouble());
      assertThat(latency.get("count").asLong()).isEqualTo(result.get("included").asLong());
      JsonNode client = result.get("client");
      assertThat(client.get("batch").asInt()).isEqualTo(8);
      assertThat(client.get("signedLate").asLong()).isZero(); // the default buffer covers 3 s
      assertThat(client.get("requests").asLong())
          .isPositive()
          .isLessThan(result.get("acknowledged").asLong()); // batches carried several
      JsonNode use = result.get("resources");
      assertThat(use.get("targetCpuSeconds").asDouble()).isPositive();
      assertThat(use.get("cpuSecondsPerCommittedTx").asDouble()).isPositive();
      assertThat(use.get("clientCores").asDouble()).isPositive();
      assertThat(use.get("rssKib").asLong()).isPositive();
      assertThat(use.get("peakRssKib").asLong()).isGreaterThanOrEqualTo(use.get("rssKib").asLong());
    }
    assertThat(r.stdout()).contains("CPU ms/tx").contains("batch 8");
  }

  @Test
  void hardhatPeerWhenInstalled() throws Exception {
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.isDirectory(root.resolve("bench"))) root = root.getParent();
    assumeTrue(
        root != null
            && HardhatPeer.isInstalled(root)
            && Files.isRegularFile(root.resolve("../shared/peers/hardhat/package.json")),
        "the Hardhat peer is not installed here");
    Run r =
        bench(
            "bench",
            "tps",
            "--target",
            "hardhat",
            "--workload",
            "eth",
            "--duration",
            "2s",
            "--no-warmup",
            "--senders",
            "4",
            "--batch",
            "8");
    assertThat(r.exitCode()).isZero();
    JsonNode result = r.json().get("results").get(0);
    assertThat(result.get("client").get("batch").asInt()).isEqualTo(1); // single calls
    assertThat(result.get("resources").get("targetCpuSeconds").asDouble()).isPositive();
    assertThat(result.get("target").asText()).isEqualTo("hardhat");
    assertThat(result.get("committed").asLong()).isPositive();
    assertThat(result.get("lost").asLong()).isZero();
    assertThat(result.get("failed").asLong()).isZero();
  }
}
