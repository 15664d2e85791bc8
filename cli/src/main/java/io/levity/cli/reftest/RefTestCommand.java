package io.levity.cli.reftest;

import io.levity.cli.options.VerboseOption;
import io.levity.conformance.RefTestSuite;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code levity reftest PATH...}: runs Ethereum's conformance fixtures through Levity's own code, a
 * thin command over the conformance module's {@link RefTestSuite}.
 */
@Command(name = "reftest")
public final class RefTestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH")
  List<Path> paths;

  @Option(names = "--show-skipped")
  boolean showSkipped;

  @Mixin VerboseOption verbose;

  @Option(
      names = {"-j", "--threads"},
      paramLabel = "N")
  int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> files;
    try {
      files = RefTestSuite.collect(paths);
    } catch (IllegalArgumentException e) {
      err.println("reftest: " + e.getMessage());
      return 2;
    }
    boolean all = verbose.verbose();
    long start = System.nanoTime();
    RefTestSuite.Summary s =
        RefTestSuite.standard()
            .run(
                files,
                o -> {
                  switch (o.status()) {
                    case FAILED ->
                        out.println(
                            "FAIL " + o.file() + " :: " + o.caseName() + " :: " + o.reason());
                    case SKIPPED -> {
                      if (showSkipped || all)
                        out.println(
                            "SKIP " + o.file() + " :: " + o.caseName() + " :: " + o.reason());
                    }
                    case PASSED -> {
                      if (all) out.println("PASS " + o.file() + " :: " + o.caseName());
                    }
                  }
                },
                threads);
    out.println(s.line());
    err.printf(
        "reftest: %d files in %.1f s on %d thread(s)%n",
        files.size(), (System.nanoTime() - start) / 1e9, Math.max(1, threads));
    return s.failed() > 0 ? 1 : 0;
  }
}
