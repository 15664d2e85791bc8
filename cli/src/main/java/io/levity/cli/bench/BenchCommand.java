package io.levity.cli.bench;

import io.levity.cli.bench.imports.ImportBenchCommand;
import io.levity.cli.bench.tps.TpsBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code levity bench ...}: whole-system benchmarks, each run side by side with a peer where one
 * exists here.
 */
@Command(
    name = "bench",
    subcommands = {
      EvmBenchCommand.class,
      TpsBenchCommand.class,
      StorageBenchCommand.class,
      AiBenchCommand.class,
      ComputeBenchCommand.class,
      DaBenchCommand.class,
      ImportBenchCommand.class
    })
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
