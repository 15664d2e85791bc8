package io.levity.cli.ai;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code levity ai ...}: the deterministic AI runtime and auditable training (docs/ai.md). */
@Command(
    name = "ai",
    subcommands = {
      AiGenerateCommand.class,
      AiEmbedCommand.class,
      AiTrainCommand.class,
      AiJobCommands.VerifyTraining.class,
      AiJobCommands.Job.class,
      AiJobCommands.Import.class
    })
public final class AiCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
