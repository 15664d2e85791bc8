package io.levity.cli.sim;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code levity sim ...}: deterministic simulations of Levity's protocols. */
@Command(
    name = "sim",
    subcommands = {SimConsensusCommand.class, CommandLine.HelpCommand.class})
public final class SimCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
