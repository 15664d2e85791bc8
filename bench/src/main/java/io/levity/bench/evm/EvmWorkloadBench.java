package io.levity.bench.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.evm.CallMessage;
import io.levity.evm.ContractSandbox;
import io.levity.evm.ExecutionResult;
import io.levity.evm.fork.EvmSpecs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The interpreter on the Solidity workloads of {@code levity bench evm} (bench/evm/workloads.json,
 * compiled by solc 0.8.30): time per {@code run(n)} call, each on the same state (snapshot, call,
 * revert). Divide the workload's gas per call (printed at setup) by the time for Mgas/s. Run from
 * the repository root, or pass {@code -jvmArgsAppend -Dlevity.evm.workloads=PATH}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xss16m", "--enable-native-access=ALL-UNNAMED"})
public class EvmWorkloadBench {
  private static final Address CALLER =
      Address.fromHex("0x00000000000000000000000000000000000000c0");
  private static final String RUN_SELECTOR = "a444f5e9"; // run(uint256)
  private static final long GAS_LIMIT = 1_000_000_000L;

  @Param({"Erc20Loop", "KeccakLoop", "RayTracer", "StorageLoop"})
  public String workload;

  private ContractSandbox sandbox;
  private CallMessage call;

  @Setup
  public void deploy() throws IOException {
    Path file = Path.of(System.getProperty("levity.evm.workloads", "bench/evm/workloads.json"));
    JsonNode w = new ObjectMapper().readTree(file.toFile()).get("workloads").get(workload);
    if (w == null) throw new IllegalArgumentException("no workload " + workload + " in " + file);
    sandbox =
        ContractSandbox.deploy(
            EvmSpecs.cancun(), CALLER, Bytes.fromHex(w.get("initcode").asText()));
    Bytes input = Bytes.fromHex(RUN_SELECTOR + String.format("%064x", w.get("n").asLong()));
    call = sandbox.callMessage(input, GAS_LIMIT);
    System.out.printf("%n%s: %d gas per call%n", workload, GAS_LIMIT - run().gasLeft());
  }

  @Benchmark
  public ExecutionResult run() {
    ExecutionResult r = sandbox.run(call);
    if (!r.isSuccess()) throw new IllegalStateException(workload + ": " + r.describe());
    return r;
  }
}
