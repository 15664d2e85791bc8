package io.levity.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --data-dir} (also {@code --dir}): where a local devnet keeps its data, the same folder for
 * {@code levity devnet} and {@code levity storage devnet}; the storage commands find the devnet's
 * network file there by default.
 */
public final class DevnetDirOption {
  /** The default, relative to the working directory. */
  public static final Path DEFAULT = Path.of(".levity", "devnet");

  @Option(
      names = {"--data-dir", "--dir"},
      paramLabel = "DIR")
  Path dir = DEFAULT;

  /** The folder given. */
  public Path dir() {
    return dir;
  }
}
