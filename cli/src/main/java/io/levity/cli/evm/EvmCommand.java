package io.levity.cli.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.evm.BlockContext;
import io.levity.evm.CallMessage;
import io.levity.evm.Evm;
import io.levity.evm.ExecutionResult;
import io.levity.evm.InMemoryWorld;
import io.levity.evm.TxContext;
import io.levity.evm.fork.EvmSpec;
import io.levity.evm.trace.Eip3155Tracer;
import io.levity.execution.fork.Fork;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code levity evm ...}: tools around the EVM interpreter. */
@Command(
    name = "evm",
    subcommands = {EvmCommand.Run.class})
public final class EvmCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code levity evm run --code HEX}: one call to a contract holding the code, in an empty world.
   */
  @Command(name = "run", sortOptions = false)
  public static final class Run implements Callable<Integer> {
    static final Address SENDER = Address.fromHex("0x1000000000000000000000000000000000000001");
    static final Address CONTRACT = Address.fromHex("0xc000000000000000000000000000000000000001");

    @Spec CommandSpec spec;

    @Option(names = "--code", required = true, paramLabel = "HEX")
    String code;

    @Option(names = "--input", paramLabel = "HEX")
    String input;

    @Option(names = "--gas", paramLabel = "N")
    long gas = 10_000_000;

    @Option(names = "--value", paramLabel = "WEI")
    String value = "0";

    @Option(names = "--fork", paramLabel = "NAME")
    String fork = "Cancun";

    @Option(names = "--trace")
    boolean trace;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Bytes codeBytes;
      Bytes inputBytes;
      UInt256 wei;
      EvmSpec rules;
      try {
        codeBytes = Bytes.fromHex(code.trim());
        inputBytes = input == null ? Bytes.EMPTY : Bytes.fromHex(input.trim());
        wei = UInt256.parse(value.trim());
        rules = evmSpec(fork);
        if (gas < 0) throw new IllegalArgumentException("--gas must not be negative");
      } catch (IllegalArgumentException e) {
        err.println("evm run: " + e.getMessage());
        return 2;
      }
      InMemoryWorld world = new InMemoryWorld();
      world.put(SENDER, wei, 0, Bytes.EMPTY, Map.of());
      world.put(CONTRACT, UInt256.ZERO, 0, codeBytes, Map.of());
      world.beginTransaction();
      BlockContext block =
          new BlockContext(
              Address.ZERO,
              1,
              1,
              Math.max(gas, 30_000_000),
              Bytes32.ZERO,
              UInt256.ZERO,
              UInt256.ONE,
              1,
              n -> null);
      TxContext tx = new TxContext(SENDER, UInt256.ZERO, List.of());
      Evm evm = new Evm(rules);
      Eip3155Tracer tracer = trace ? new Eip3155Tracer(out) : null;
      ExecutionResult r =
          evm.execute(
              world,
              block,
              tx,
              CallMessage.call(SENDER, CONTRACT, wei, inputBytes, gas),
              List.of(),
              tracer);
      if (!trace) {
        out.println("result:   " + r.describe());
        out.println("gas used: " + r.gasUsed(gas));
        out.println("output:   " + r.output().toHex());
        for (var log : r.logs())
          out.println("log:      " + log.topics() + " " + log.data().toHex());
      }
      out.flush();
      return 0;
    }
  }

  /** The EVM of the fork with this name; only forks from Shanghai on have one. */
  static EvmSpec evmSpec(String name) {
    Fork f =
        Fork.byName(name)
            .orElseThrow(() -> new IllegalArgumentException("unknown fork '" + name + "'"));
    return f.evmSpec()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "fork " + f.fixtureName() + " has no EVM in Levity (Shanghai and later do)"));
  }
}
