package io.levity.cli;

import io.levity.cli.ai.AiCommand;
import io.levity.cli.bench.BenchCommand;
import io.levity.cli.chaos.ChaosCommand;
import io.levity.cli.compute.ComputeCommand;
import io.levity.cli.da.DaCommand;
import io.levity.cli.evm.EvmCommand;
import io.levity.cli.inft.InftCommand;
import io.levity.cli.node.DevnetCommand;
import io.levity.cli.node.InitCommand;
import io.levity.cli.node.NodeCommand;
import io.levity.cli.options.DurationConverter;
import io.levity.cli.reftest.RefTestCommand;
import io.levity.cli.sim.SimCommand;
import io.levity.cli.storage.StorageCommand;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ScopeType;

/**
 * The {@code levity} command: entry point of every layer's tooling. Help and version options, the
 * "Default:" lines and the help text ({@link #HELP}, with the footer on environment variables) are
 * inherited by every subcommand.
 */
@Command(
    name = "levity",
    resourceBundle = Levity.HELP,
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    versionProvider = Levity.Version.class,
    subcommands = {
      RefTestCommand.class,
      EvmCommand.class,
      SimCommand.class,
      BenchCommand.class,
      DevnetCommand.class,
      InitCommand.class,
      NodeCommand.class,
      StorageCommand.class,
      InftCommand.class,
      AiCommand.class,
      ComputeCommand.class,
      DaCommand.class,
      ChaosCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Levity implements Runnable {
  /**
   * The help text of every command, option and parameter of the tree (a picocli resource bundle,
   * inherited by the subcommands): one place to read and edit it.
   */
  public static final String HELP = "io.levity.cli.help";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    CommandLine cl = commandLine();
    int code = cl.execute(args);
    cl.getOut().flush();
    cl.getErr().flush();
    System.exit(code);
  }

  /** The command with option defaults from this process's environment. */
  public static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  /** The command with option defaults from {@code environment} ({@code LEVITY_*} variables). */
  public static CommandLine commandLine(Map<String, String> environment) {
    CommandLine cl = new CommandLine(new Levity());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.registerConverter(Duration.class, new DurationConverter()); // 20s, 1500ms, 2m
    EnvironmentDefaults defaults = new EnvironmentDefaults(environment);
    cl.setDefaultValueProvider(defaults);
    IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
    cl.setParameterExceptionHandler(
        (e, args) -> {
          defaults.explain(e).ifPresent(note -> e.getCommandLine().getErr().println(note));
          return usage.handleParseException(e, args);
        });
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
