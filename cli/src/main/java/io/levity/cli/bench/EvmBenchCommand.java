package io.levity.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.core.num.UInt256;
import io.levity.evm.BlockContext;
import io.levity.evm.CallMessage;
import io.levity.evm.ContractAddress;
import io.levity.evm.Evm;
import io.levity.evm.ExecutionResult;
import io.levity.evm.InMemoryWorld;
import io.levity.evm.TxContext;
import io.levity.evm.fork.EvmSpecs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code levity bench evm}: runs the Solidity workloads of bench/evm on Levity's interpreter and on
 * the {@code @ethereumjs/evm} peer, and prints Mgas/s for both with the ratio.
 */
@Command(
    name = "evm",
    mixinStandardHelpOptions = true,
    description = {
      "EVM throughput on fixed Solidity workloads (bench/evm/workloads.json), in Mgas/s,",
      "side by side with @ethereumjs/evm run by Node.js on the same bytecode."
    })
public final class EvmBenchCommand implements Callable<Integer> {
  @Option(
      names = "--seconds",
      defaultValue = "3",
      description = "Measured seconds per workload and engine (default ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--no-peer", description = "Only run Levity.")
  boolean noPeer;

  @Option(names = "--workload", description = "Run only these workloads (repeatable).")
  List<String> only = new ArrayList<>();

  private static final Address CALLER =
      Address.fromHex("0x1000000000000000000000000000000000000001");
  private static final String RUN_SELECTOR = "a444f5e9"; // run(uint256)

  /** One engine's figures for one workload. */
  record Result(
      String name, long gasPerCall, long calls, double seconds, double mgasPerSec, String output) {}

  @Override
  public Integer call() throws Exception {
    Path dir = LevityHome.root().resolve("bench/evm");
    JsonNode workloads =
        new ObjectMapper().readTree(dir.resolve("workloads.json").toFile()).get("workloads");
    Map<String, Result> ours = new LinkedHashMap<>();
    for (Entry<String, JsonNode> w : workloads.properties()) {
      if (!only.isEmpty() && !only.contains(w.getKey())) continue;
      System.err.printf("levity: running %s ...%n", w.getKey());
      ours.put(w.getKey(), runLevity(w.getKey(), w.getValue()));
    }
    Map<String, Result> peer = noPeer ? Map.of() : runPeer(dir, ours.keySet());
    System.out.printf(
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
      System.out.printf(
          "%-12s %12d %14.1f %14s %10s  %s%n",
          r.name(),
          r.gasPerCall(),
          r.mgasPerSec(),
          p == null ? "-" : String.format("%.1f", p.mgasPerSec()),
          ratio,
          match);
    }
    System.out.println(
        "peer: "
            + (noPeer ? "not run" : "@ethereumjs/evm (Node.js " + nodeVersion() + ")")
            + "; ratio = levity / peer; "
            + seconds
            + " s measured per workload and engine");
    return 0;
  }

  private Result runLevity(String name, JsonNode w) {
    Evm evm = new Evm(EvmSpecs.cancun());
    InMemoryWorld world = new InMemoryWorld();
    world.put(CALLER, UInt256.valueOf(1L << 60), 0, Bytes.EMPTY, Map.of());
    BlockContext block =
        new BlockContext(
            Address.ZERO,
            1,
            1_700_000_000L,
            1_000_000_000L,
            Bytes32.ZERO,
            UInt256.ZERO,
            UInt256.ONE,
            1,
            n -> Bytes32.ZERO);
    TxContext tx = new TxContext(CALLER, UInt256.ZERO, List.of());
    Address contract = ContractAddress.create(CALLER, 0);
    world.beginTransaction();
    world.setNonce(CALLER, 1);
    ExecutionResult deployed =
        evm.execute(
            world,
            block,
            tx,
            CallMessage.create(
                CALLER,
                contract,
                UInt256.ZERO,
                Bytes.fromHex(w.get("initcode").asText()),
                30_000_000L));
    if (!deployed.isSuccess())
      throw new IllegalStateException(name + ": deployment failed: " + deployed.describe());
    String n = String.format("%064x", w.get("n").asLong());
    Bytes input = Bytes.fromHex(RUN_SELECTOR + n);
    long gasLimit = 1_000_000_000L;
    CallMessage call = CallMessage.call(CALLER, contract, UInt256.ZERO, input, gasLimit);
    String out = "";
    long warmupEnd =
        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(500, (long) (seconds * 300)));
    while (System.nanoTime() < warmupEnd) once(evm, world, block, tx, call, name);
    long calls = 0;
    long gas = 0;
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    long now = start;
    while (now < deadline) {
      ExecutionResult r = once(evm, world, block, tx, call, name);
      gas += gasLimit - r.gasLeft();
      out = Hex.encode(r.output().unsafeArray());
      calls++;
      now = System.nanoTime();
    }
    double secs = (now - start) / 1e9;
    return new Result(name, gas / calls, calls, secs, gas / secs / 1e6, out);
  }

  private static ExecutionResult once(
      Evm evm,
      InMemoryWorld world,
      BlockContext block,
      TxContext tx,
      CallMessage call,
      String name) {
    // Every call runs on the same state (snapshot, call, revert), so gas and output are comparable
    // across engines.
    world.beginTransaction();
    int snap = world.snapshot();
    ExecutionResult r = evm.execute(world, block, tx, call);
    world.revert(snap);
    if (!r.isSuccess()) throw new IllegalStateException(name + ": run failed: " + r.describe());
    return r;
  }

  private Map<String, Result> runPeer(Path dir, java.util.Set<String> names)
      throws IOException, InterruptedException {
    if (!Files.isDirectory(dir.resolve("node_modules/@ethereumjs/evm"))) {
      System.err.println("levity: installing the peer (npm install in " + dir + ") ...");
      Process p =
          new ProcessBuilder("npm", "install", "--no-audit", "--no-fund")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (p.waitFor() != 0) throw new IOException("npm install failed in " + dir);
    }
    List<String> cmd = new ArrayList<>(List.of("node", "peer.mjs", Double.toString(seconds)));
    cmd.addAll(names);
    System.err.println("levity: running the peer: " + String.join(" ", cmd));
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

  private static String nodeVersion() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      return v;
    } catch (IOException | InterruptedException e) {
      return "unknown";
    }
  }
}
