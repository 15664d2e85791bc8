package io.levity.cli.options;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --home}: the Levity repository whose bench/ folder the benchmarks read (workloads,
 * contracts, peer definitions). Without it: the one {@code ./levity} runs from ({@code
 * -Dlevity.home}), else the nearest folder holding bench/ from the working directory up.
 */
public final class LevityHomeOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--home", paramLabel = "DIR")
  Path home;

  /** The repository root. */
  public Path root() {
    if (home != null) {
      if (!Files.isDirectory(home.resolve("bench")))
        throw new ParameterException(command.commandLine(), "--home " + home + " has no bench/");
      return home;
    }
    return find();
  }

  /** Without --home: -Dlevity.home (set by ./levity), else from the working directory up. */
  public static Path find() {
    String property = System.getProperty("levity.home");
    Path p = property != null ? Path.of(property) : Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("bench"))) p = p.getParent();
    if (p == null) {
      throw new IllegalStateException(
          "cannot find the Levity repository (run through ./levity, from inside it, or give --home)");
    }
    return p;
  }
}
