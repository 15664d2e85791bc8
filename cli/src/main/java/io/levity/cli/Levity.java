package io.levity.cli;

import io.levity.cli.bench.BenchCommand;
import io.levity.cli.evm.EvmCommand;
import io.levity.cli.node.DevnetCommand;
import io.levity.cli.node.InitCommand;
import io.levity.cli.node.NodeCommand;
import io.levity.cli.reftest.RefTestCommand;
import io.levity.cli.sim.SimCommand;
import io.levity.cli.storage.StorageCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code levity} command: entry point of every layer's tooling. */
@Command(
    name = "levity",
    mixinStandardHelpOptions = true,
    versionProvider = Levity.Version.class,
    description = "Levity: an open, modular blockchain for decentralized AI.",
    subcommands = {
      RefTestCommand.class,
      EvmCommand.class,
      SimCommand.class,
      BenchCommand.class,
      DevnetCommand.class,
      InitCommand.class,
      NodeCommand.class,
      StorageCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Levity implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Levity());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /** Reads the version Maven filtered into the jar. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Levity.class.getResourceAsStream("/levity-version.properties")) {
        if (in != null) p.load(in);
      }
      return new String[] {
        "levity " + p.getProperty("version", "unknown") + " (Java " + Runtime.version() + ")"
      };
    }
  }
}
