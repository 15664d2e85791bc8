package io.levity.cli.options;

import picocli.CommandLine.Option;

/** {@code -v, --verbose}: print every case (a fixture case, a seed), not only the failures. */
public final class VerboseOption {
  @Option(names = {"-v", "--verbose"})
  boolean verbose;

  /** Whether it was given. */
  public boolean verbose() {
    return verbose;
  }
}
