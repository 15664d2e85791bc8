package io.levity.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * One {@code levity} command line run in this JVM, as {@code main} runs it, with an injected
 * environment and its output captured.
 *
 * @param exit the exit code
 * @param out what went to standard output
 * @param err what went to standard error
 */
public record LevityRun(int exit, String out, String err) {
  /** Runs {@code levity args...} with option defaults from {@code environment}. */
  public static LevityRun run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Levity.commandLine(environment);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new LevityRun(cl.execute(args), out.toString(), err.toString());
  }

  /** Runs {@code levity args...} with an empty environment. */
  public static LevityRun run(String... args) {
    return run(Map.of(), args);
  }
}
