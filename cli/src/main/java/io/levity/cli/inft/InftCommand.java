package io.levity.cli.inft;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code levity inft ...}: intelligent NFTs, their oracle and their market (docs/inft.md). */
@Command(
    name = "inft",
    subcommands = {
      InftOracleCommand.class,
      InftCommands.Register.class,
      InftCommands.Mint.class,
      InftCommands.Transfer.class,
      InftCommands.Clone.class,
      InftCommands.Authorize.class,
      InftCommands.Revoke.class,
      InftCommands.Update.class,
      InftCommands.Open.class,
      InftCommands.Show.class,
      InftCommands.ListToken.class,
      InftCommands.Buy.class
    })
public final class InftCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
