package io.levity.cli.reftest;

import io.levity.conformance.RefTestSuite;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code levity reftest PATH...}: runs Ethereum's conformance fixtures through Levity's own code, a
 * thin command over the conformance module's {@link RefTestSuite}.
 */
@Command(
    name = "reftest",
    mixinStandardHelpOptions = true,
    description = {
      "Runs ethereum/tests fixtures (RLP, trie, transaction, state) found under the given paths.",
      "Prints each failure with its reason and ends with 'N passed, M failed, K skipped'."
    })
public final class RefTestCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Fixture files or folders.")
  List<Path> paths;

  @Option(names = "--show-skipped", description = "Also print each skipped case with its reason.")
  boolean showSkipped;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print every case as it runs.")
  boolean verbose;

  @Option(
      names = {"-j", "--threads"},
      paramLabel = "N",
      description =
          "Files run in parallel on N threads (default: ${DEFAULT-VALUE}); the output order is the same.")
  int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

  @Override
  public Integer call() {
    List<Path> files;
    try {
      files = RefTestSuite.collect(paths);
    } catch (IllegalArgumentException e) {
      System.err.println("reftest: " + e.getMessage());
      return 2;
    }
    long start = System.nanoTime();
    RefTestSuite.Summary s =
        RefTestSuite.standard()
            .run(
                files,
                o -> {
                  switch (o.status()) {
                    case FAILED ->
                        System.out.println(
                            "FAIL " + o.file() + " :: " + o.caseName() + " :: " + o.reason());
                    case SKIPPED -> {
                      if (showSkipped || verbose)
                        System.out.println(
                            "SKIP " + o.file() + " :: " + o.caseName() + " :: " + o.reason());
                    }
                    case PASSED -> {
                      if (verbose) System.out.println("PASS " + o.file() + " :: " + o.caseName());
                    }
                  }
                },
                threads);
    System.out.println(s.line());
    System.err.printf(
        "reftest: %d files in %.1f s on %d thread(s)%n",
        files.size(), (System.nanoTime() - start) / 1e9, Math.max(1, threads));
    return s.failed() > 0 ? 1 : 0;
  }
}
