package io.levity.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.cli.process.CommandResult;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Hex;
import io.levity.evm.CallMessage;
import io.levity.evm.ContractSandbox;
import io.levity.evm.ExecutionResult;
import io.levity.evm.fork.EvmSpecs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Solidity workloads of bench/evm run for a measured time, on Levity's interpreter in this JVM
 * and on the {@code @ethereumjs/evm} peer under Node.js.
 */
final class EvmWorkloads {
  private static final Address CALLER =
      Address.fromHex("0x1000000000000000000000000000000000000001");
  private static final String RUN_SELECTOR = "a444f5e9"; // run(uint256)

  /** One engine's figures for one workload. */
  record Result(
      String name, long gasPerCall, long calls, double seconds, double mgasPerSec, String output) {}

  private EvmWorkloads() {}

  /** Deploys the workload's contract, warms up, then calls run(n) for {@code seconds}. */
  static Result runLevity(String name, JsonNode w, double seconds) {
    ContractSandbox sandbox;
    try {
      sandbox =
          ContractSandbox.deploy(
              EvmSpecs.cancun(), CALLER, Bytes.fromHex(w.get("initcode").asText()));
    } catch (IllegalStateException e) {
      throw new IllegalStateException(name + ": " + e.getMessage(), e);
    }
    String n = String.format("%064x", w.get("n").asLong());
    long gasLimit = 1_000_000_000L;
    CallMessage call = sandbox.callMessage(Bytes.fromHex(RUN_SELECTOR + n), gasLimit);
    String out = "";
    long warmupEnd =
        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(500, (long) (seconds * 300)));
    while (System.nanoTime() < warmupEnd) once(sandbox, call, name);
    long calls = 0;
    long gas = 0;
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    long now = start;
    while (now < deadline) {
      ExecutionResult r = once(sandbox, call, name);
      gas += gasLimit - r.gasLeft();
      out = Hex.encode(r.output().unsafeArray());
      calls++;
      now = System.nanoTime();
    }
    double secs = (now - start) / 1e9;
    return new Result(name, gas / calls, calls, secs, gas / secs / 1e6, out);
  }

  // Every call runs on the same state, so gas and output are comparable across engines.
  private static ExecutionResult once(ContractSandbox sandbox, CallMessage call, String name) {
    ExecutionResult r = sandbox.run(call);
    if (!r.isSuccess()) throw new IllegalStateException(name + ": run failed: " + r.describe());
    return r;
  }

  /**
   * Runs the named workloads on the peer (peer.mjs in {@code dir}), installing it first if needed.
   */
  static Map<String, Result> runPeer(Path dir, Set<String> names, double seconds, PrintWriter log)
      throws IOException, InterruptedException {
    if (!Files.isDirectory(dir.resolve("node_modules/@ethereumjs/evm"))) {
      log.println("levity: installing the peer (npm install in " + dir + ") ...");
      CommandResult npm =
          CommandResult.run(
              List.of("npm", "install", "--no-audit", "--no-fund"), dir, Duration.ofMinutes(10));
      if (!npm.succeeded()) throw new IOException("npm install failed in " + dir);
    }
    List<String> cmd = new ArrayList<>(List.of("node", "peer.mjs", Double.toString(seconds)));
    cmd.addAll(names);
    log.println("levity: running the peer: " + String.join(" ", cmd));
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Map<String, Result> out = new LinkedHashMap<>();
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        JsonNode j = json.readTree(line);
        out.put(
            j.get("name").asText(),
            new Result(
                j.get("name").asText(),
                j.get("gasPerCall").asLong(),
                j.get("calls").asLong(),
                j.get("seconds").asDouble(),
                j.get("mgasPerSec").asDouble(),
                j.get("output").asText()));
      }
    }
    if (p.waitFor() != 0) throw new IOException("the peer exited with " + p.exitValue());
    return out;
  }

  /** {@code node --version}, or "unknown". */
  static String nodeVersion() throws InterruptedException {
    try {
      CommandResult r =
          CommandResult.run(List.of("node", "--version"), null, Duration.ofSeconds(20));
      return r.succeeded() ? r.stdout().trim() : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }
}
