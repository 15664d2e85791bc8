package io.levity.cli.da;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code levity da ...}: data availability (docs/da.md). */
@Command(
    name = "da",
    subcommands = {
      DaNodeCommand.class,
      DaSubmitCommand.class,
      DaStatusCommand.class,
      DaGetCommand.class,
      DaSampleCommand.class,
      DaVerifyCommand.class
    })
public final class DaCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
