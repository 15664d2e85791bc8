package io.levity.cli.compute;

import io.levity.cli.ai.ComputeAuditCommand;
import io.levity.cli.ai.ComputeAuditorCommand;
import io.levity.cli.ai.ComputeDisputeCommand;
import io.levity.cli.ai.ComputeProviderCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code levity compute ...}: the inference marketplace (docs/compute.md). */
@Command(
    name = "compute",
    subcommands = {
      ComputeProviderCommand.class,
      ComputeAuditorCommand.class,
      ComputeAuditCommand.class,
      ComputeDisputeCommand.class,
      ComputeProxyCommand.class,
      ComputeDepositCommand.class,
      ComputeAskCommand.class,
      ComputeEmbedCommand.class,
      ComputeReceiptsCommand.class,
      ComputeRefundCommand.class
    })
public final class ComputeCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
